from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QWidget

from tracker.db.enums import Stage
from tracker.domain.applications import set_archived
from tracker.domain.board import BoardCard, column_page
from tracker.domain.changes import Kind
from tracker.domain.detail import history
from tracker.domain.tasks import TaskInput, create_task
from tracker.ui.board.card_delegate import CardDelegate
from tracker.ui.board.model import MIME_TYPE, STAGE_MIME_TYPE, BoardColumnModel
from tracker.ui.board.view import CLOSED_ORDER, EMPTY_HINT, BoardView
from tracker.ui.common.roles import ItemRole


@pytest.fixture
def board(qtbot, store, events) -> BoardView:
    widget = BoardView(store, events)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ids(board: BoardView, stage: Stage) -> list[int]:
    model = board.columns[stage].model
    return [model.card(row).id for row in range(model.rowCount())]


def card(board: BoardView, stage: Stage, row: int = 0) -> BoardCard:
    value = board.columns[stage].model.index(row, 0).data(ItemRole.CARD)
    assert isinstance(value, BoardCard)
    return value


def drag_over(widget: QWidget, mime: QMimeData) -> QDragEnterEvent:
    """What Qt sends when a drag enters a widget; an accepted one makes it the drop target."""
    event = QDragEnterEvent(
        widget.rect().center(),  # a QPoint: Qt's own signature (a drop takes a QPointF)
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event


def drop(board: BoardView, mime: QMimeData, stage: Stage) -> QDropEvent:
    """Drag *mime* into the middle of *stage*'s column and release it there, as Qt would."""
    viewport = board.columns[stage].list.viewport()
    drag_over(viewport, mime)  # Qt only delivers a drop to the widget that accepted the enter
    event = QDropEvent(
        QPointF(viewport.rect().center()),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )
    QApplication.sendEvent(viewport, event)
    return event


def test_column_model_passes_the_model_tester(qtmodeltester, store, add):
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    add("Kestrel", "Platform Engineer", Stage.APPLIED)
    model = BoardColumnModel(Stage.APPLIED)
    model.set_cards(column_page(store, Stage.APPLIED, 0, 100))
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_cards_sit_in_their_stage_with_counts_in_the_headers(board, add):
    first = add("Northwind", "Backend Engineer", Stage.APPLIED)
    second = add("Kestrel", "Platform Engineer", Stage.APPLIED)
    offer = add("Cinder", "Infra Engineer", Stage.OFFER)
    rejected = add("Granite", "SRE", Stage.REJECTED)
    board.reload()
    assert sorted(ids(board, Stage.APPLIED)) == sorted([first, second])
    assert ids(board, Stage.OFFER) == [offer]
    assert ids(board, Stage.REJECTED) == [rejected]
    assert board.columns[Stage.APPLIED].header.text() == "Applied · 2"
    assert board.columns[Stage.WISHLIST].header.text() == "Wishlist · 0"
    assert board.closed_toggle.text() == "Closed · 1"
    assert not board.closed_panel.isVisible()


def test_archived_applications_stay_off_the_board(board, store, add):
    kept = add("Northwind", "Backend Engineer", Stage.APPLIED)
    hidden = add("Kestrel", "Platform Engineer", Stage.APPLIED)
    set_archived(store, hidden)
    board.reload()
    assert ids(board, Stage.APPLIED) == [kept]


def test_an_empty_board_says_what_to_do_first(board, add):
    assert board.columns[Stage.WISHLIST].list.placeholder == EMPTY_HINT
    add("Northwind", "Backend Engineer")
    board.reload()
    assert board.columns[Stage.WISHLIST].list.placeholder != EMPTY_HINT


def test_dropping_a_card_on_another_column_changes_its_stage(board, store, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    source = board.columns[Stage.APPLIED]
    mime = source.model.mimeData([source.model.index(0, 0)])
    assert bytes(mime.data(MIME_TYPE).data()) == str(app_id).encode()
    assert bytes(mime.data(STAGE_MIME_TYPE).data()) == b"applied"

    with qtbot.waitSignal(board.stage_moved) as moved:
        event = drop(board, mime, Stage.INTERVIEWING)
    assert event.isAccepted()
    assert moved.args[0].to_stage is Stage.INTERVIEWING
    last = history(store, app_id)[0]
    assert (last.from_stage, last.to_stage) == (Stage.APPLIED, Stage.INTERVIEWING)
    assert ids(board, Stage.INTERVIEWING) == [app_id]
    assert board.columns[Stage.APPLIED].header.text() == "Applied · 0"
    assert board.columns[Stage.INTERVIEWING].header.text() == "Interviewing · 1"
    assert board.selected_id() == app_id


def test_a_drop_on_the_cards_own_column_or_of_foreign_data_does_nothing(board, store, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    source = board.columns[Stage.APPLIED]
    own = drop(board, source.model.mimeData([source.model.index(0, 0)]), Stage.APPLIED)
    text = QMimeData()
    text.setText(str(app_id))
    foreign = drop(board, text, Stage.OFFER)
    assert not own.isAccepted()
    assert not foreign.isAccepted()
    assert len(history(store, app_id)) == 1


def test_holding_a_card_over_the_closed_toggle_opens_the_closed_columns(board, add):
    app_id = add("Northwind", "Backend Engineer", Stage.INTERVIEWING)
    board.reload()
    assert not board.closed_panel.isVisible()
    source = board.columns[Stage.INTERVIEWING].model
    drag_over(board.closed_toggle, source.mimeData([source.index(0, 0)]))
    assert board.closed_panel.isVisible()
    assert drop(board, source.mimeData([source.index(0, 0)]), Stage.REJECTED).isAccepted()
    assert ids(board, Stage.REJECTED) == [app_id]


def test_starting_a_drag_carries_the_models_mime_data(board, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    assert board.select_application(app_id)
    board_list = board.columns[Stage.APPLIED].list
    carried: list[tuple[list[str], bytes, bytes]] = []

    def capture(drag) -> None:  # QDrag.exec would block for a real mouse; read what it holds
        data = drag.mimeData()
        carried.append(
            (
                data.formats(),
                bytes(data.data(MIME_TYPE).data()),
                bytes(data.data(STAGE_MIME_TYPE).data()),
            )
        )

    board_list.exec_drag = capture
    board_list.startDrag(Qt.DropAction.MoveAction)
    expected = board_list.column_model.mimeData([board_list.currentIndex()])
    assert carried == [
        (
            [MIME_TYPE, STAGE_MIME_TYPE],
            bytes(expected.data(MIME_TYPE).data()),
            bytes(expected.data(STAGE_MIME_TYPE).data()),
        )
    ]
    assert carried[0][1:] == (str(app_id).encode(), b"applied")


def test_ctrl_right_and_left_move_the_selected_card_and_focus_follows(board, store, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    board.activateWindow()
    assert board.select_application(app_id)
    applied = board.columns[Stage.APPLIED].list
    with qtbot.waitSignal(board.stage_moved):
        qtbot.keyClick(applied, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert history(store, app_id)[0].to_stage is Stage.SCREENING
    screening = board.columns[Stage.SCREENING].list
    assert screening.selected_id() == app_id
    assert board.focusWidget() is screening

    qtbot.keyClick(screening, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert history(store, app_id)[0].to_stage is Stage.APPLIED
    assert board.columns[Stage.APPLIED].list.selected_id() == app_id


def test_ctrl_left_at_the_first_stage_stays_put(board, store, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.WISHLIST)
    board.reload()
    board.select_application(app_id)
    qtbot.keyClick(
        board.columns[Stage.WISHLIST].list, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert len(history(store, app_id)) == 1
    assert board.move_selected(-1) is None


def test_context_menu_moves_to_a_closed_stage_and_opens_the_closed_area(board, store, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.INTERVIEWING)
    board.reload()
    menu = board.build_context_menu(app_id)
    move_menu = next(a.menu() for a in menu.actions() if a.text() == "Move to")
    assert isinstance(move_menu, QMenu)
    actions = {a.text(): a for a in move_menu.actions() if not a.isSeparator()}
    assert list(actions) == [stage.label for stage in board.columns]
    assert actions["Interviewing"].isChecked()
    assert not actions["Interviewing"].isEnabled()

    with qtbot.waitSignal(board.stage_moved) as moved:
        actions["Rejected"].trigger()
    assert moved.args[0].rejected
    assert history(store, app_id)[0].to_stage is Stage.REJECTED
    assert board.closed_toggle.isChecked()
    assert board.closed_panel.isVisible()
    assert board.columns[Stage.REJECTED].list.selected_id() == app_id
    assert board.closed_toggle.text() == "Closed · 1"
    menu.deleteLater()


def test_enter_opens_and_delete_asks_for_deletion(board, add, qtbot):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    board.select_application(app_id)
    applied = board.columns[Stage.APPLIED].list
    with qtbot.waitSignal(board.open_requested) as opened:
        qtbot.keyClick(applied, Qt.Key.Key_Return)
    assert opened.args == [app_id]
    with qtbot.waitSignal(board.delete_requested) as deleted:
        qtbot.keyClick(applied, Qt.Key.Key_Delete)
    assert deleted.args == [app_id]


def test_only_one_card_is_selected_on_the_whole_board(board, add):
    first = add("Northwind", "Backend Engineer", Stage.APPLIED)
    second = add("Kestrel", "Platform Engineer", Stage.OFFER)
    board.reload()
    board.select_application(first)
    board.select_application(second)
    assert board.columns[Stage.APPLIED].list.selected_id() is None
    assert board.selected_id() == second


def test_cards_paint_selected_hovered_and_focused_as_qt_itself_says(board, add, qtbot, monkeypatch):
    """The card painter asks its list instead of reading option.state (which loads QStyle's
    enums before the first paint): the list's answers are the ones Qt puts in option.state."""
    first = add("Northwind", "Backend Engineer", Stage.APPLIED)
    second = add("Kestrel", "Platform Engineer", Stage.APPLIED)
    board.reload()
    applied = board.columns[Stage.APPLIED].list
    flags = QStyle.StateFlag
    painted: list[tuple[int, tuple[bool, ...], tuple[bool, ...]]] = []
    paint = CardDelegate.paint

    def watched(delegate, painter, option, index):  # type: ignore[no-untyped-def]
        state = option.state
        qt_says = tuple(
            bool(state & f)
            for f in (flags.State_Selected, flags.State_MouseOver, flags.State_HasFocus)
        )
        asked = (applied.is_selected(index), applied.is_hovered(index), applied.has_focus_on(index))
        painted.append((index.row(), qt_says, asked))
        paint(delegate, painter, option, index)

    monkeypatch.setattr(CardDelegate, "paint", watched)
    board.activateWindow()
    board.select_application(second)
    applied.setFocus()
    qtbot.waitUntil(applied.hasFocus)
    rows = {applied.model().index(r, 0).data(ItemRole.CARD).id: r for r in range(2)}
    hover_at = applied.visualRect(applied.model().index(rows[first], 0)).center()
    qtbot.mouseMove(applied.viewport(), hover_at)
    applied.viewport().repaint()

    assert painted
    assert all(qt_says == asked for _, qt_says, asked in painted), painted
    states = {row: asked for row, _, asked in painted}
    assert states[rows[first]] == (False, True, False)  # under the mouse
    assert states[rows[second]] == (True, False, True)  # selected, with the keyboard focus

    qtbot.mouseMove(board, board.rect().bottomRight() - QPoint(2, 2))  # off the cards
    painted.clear()
    applied.viewport().repaint()
    assert all(qt_says == asked for _, qt_says, asked in painted), painted
    assert not any(asked[1] for _, _, asked in painted)


def test_the_card_shows_the_next_task_and_flags_it_overdue(board, store, events, add):
    app_id = add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    assert card(board, Stage.APPLIED).next_task is None
    yesterday = date.today() - timedelta(days=1)
    create_task(store, TaskInput(title="Follow up", due_on=yesterday, application_id=app_id))
    events.publish({Kind.TASKS})  # the board reloads on task changes too

    shown = card(board, Stage.APPLIED)
    assert shown.next_task is not None
    assert shown.next_task.title == "Follow up"
    assert shown.overdue
    tip = board.columns[Stage.APPLIED].model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Next: Follow up · due " in tip
    assert tip.endswith("overdue")
    assert "0 days" not in tip
    assert "Moved here today" in tip


def test_a_card_is_tall_enough_for_its_four_lines(board, add):
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    board.reload()
    board_list = board.columns[Stage.APPLIED].list
    rect = board_list.visualRect(board_list.model().index(0, 0))
    assert rect.height() > 4 * board_list.fontMetrics().height()
    assert rect.width() <= board_list.viewport().width()


def test_next_tasks_are_fetched_a_page_at_a_time(qtbot, store, events, add):
    from tracker.domain.tasks import TaskInput, create_task
    from tracker.ui.board.model import TASK_PAGE
    from tracker.ui.board.view import BoardView

    ids = [add(f"Company {i}", "Engineer", Stage.APPLIED) for i in range(TASK_PAGE + 10)]
    create_task(store, TaskInput(title="Ask about the team", application_id=ids[0]))
    board = BoardView(store, events)
    qtbot.addWidget(board)
    model = board.columns[Stage.APPLIED].model
    asked: list[list[int]] = []
    fetch = model.load_next_tasks
    assert fetch is not None
    model.load_next_tasks = lambda page: asked.append(page) or fetch(page)
    assert model.card(0).next_task is None  # the newest card has no task
    assert len(asked) == 1
    assert len(asked[0]) == TASK_PAGE
    last = model.card(model.rowCount() - 1)  # the oldest card, beyond the first page
    assert last.id == ids[0]
    assert last.next_task is not None
    assert last.next_task.title == "Ask about the team"
    assert len(asked) == 2
    model.card(1)
    assert len(asked) == 2  # known now: no second query for the same card


def test_a_long_column_reads_more_cards_as_it_scrolls(qtbot, store, events, add):
    from tracker.domain.rows import BOARD_PAGE
    from tracker.ui.board.view import BoardView

    ids = [add(f"Company {i}", "Engineer", Stage.APPLIED) for i in range(BOARD_PAGE + 20)]
    board = BoardView(store, events)
    qtbot.addWidget(board)
    column = board.columns[Stage.APPLIED]
    assert column.model.rowCount() == BOARD_PAGE  # one page to start with
    assert column.model.total == BOARD_PAGE + 20
    assert str(BOARD_PAGE + 20) in column.header.text()
    assert column.model.canFetchMore()
    column.model.fetchMore()
    assert column.model.rowCount() == BOARD_PAGE + 20
    assert not column.model.canFetchMore()
    assert board.select_application(ids[0])  # the oldest: last in the column, loaded now
    assert board.selected_id() == ids[0]


def test_a_board_from_the_first_paint_reads_the_rest_of_a_column_as_it_scrolls(
    qtbot, store, events, add, db_path
):
    from tracker.domain.rows import FIRST_BOARD_PAGE

    ids = [add(f"Company {i}", "Engineer", Stage.APPLIED) for i in range(FIRST_BOARD_PAGE + 5)]
    board = board_from_first_paint(qtbot, store, events, db_path)
    applied = board.columns[Stage.APPLIED]
    assert applied.model.rowCount() == FIRST_BOARD_PAGE  # what the first paint read
    assert str(FIRST_BOARD_PAGE + 5) in applied.header.text()
    view = applied.list
    view.scrollToBottom()
    qtbot.waitUntil(lambda: applied.model.rowCount() == FIRST_BOARD_PAGE + 5)
    assert board.select_application(ids[0])  # the oldest, read when the column scrolled


def test_lookups_search_only_the_loaded_cards(qtbot, store, events, add, monkeypatch):
    """A reload with a selection, a right-click and a drag never read more pages of a column."""
    from tracker.domain.rows import BOARD_PAGE
    from tracker.ui.board.view import BoardView

    ids = [add(f"Company {i}", "Engineer", Stage.APPLIED) for i in range(BOARD_PAGE + 20)]
    elsewhere = add("Kestrel", "Platform Engineer", Stage.OFFER)
    board = BoardView(store, events)
    qtbot.addWidget(board)
    board.resize(1200, 760)
    board.show()
    qtbot.waitExposed(board)
    applied = board.columns[Stage.APPLIED]
    pages: list[int] = []
    load = applied.model.load_page
    assert load is not None

    def counted(stage: Stage, offset: int, limit: int) -> list[BoardCard]:
        pages.append(offset)
        return load(stage, offset, limit)

    applied.model.load_page = counted

    assert board.select_application(elsewhere)  # in a column after the long one
    board.reload()
    assert board.selected_id() == elsewhere
    assert not board.select_application(ids[0])  # the oldest card is not loaded: not found

    shown: list[QMenu] = []
    build = board.build_context_menu

    def build_and_close(application_id: int) -> QMenu:
        menu = build(application_id)
        shown.append(menu)
        QTimer.singleShot(0, menu.close)  # as if the person pressed Escape
        return menu

    monkeypatch.setattr(board, "build_context_menu", build_and_close)
    rect = applied.list.visualRect(applied.model.index(0, 0))
    applied.list.customContextMenuRequested.emit(rect.center())
    assert shown
    assert board.selected_id() == ids[-1]  # the newest card, right-clicked

    offer = board.columns[Stage.OFFER].model
    assert not drop(board, offer.mimeData([offer.index(0, 0)]), Stage.OFFER).isAccepted()
    wishlist = board.columns[Stage.WISHLIST].list.viewport()
    assert drag_over(wishlist, applied.model.mimeData([applied.model.index(0, 0)])).isAccepted()
    assert pages == []
    assert applied.model.rowCount() == BOARD_PAGE


def visible_cards(board: BoardView, stage: Stage) -> float:
    board_list = board.columns[stage].list
    return board_list.viewport().height() / board_list.sizeHintForRow(0)


def test_empty_closed_lanes_give_their_room_to_a_full_one(board, add, qtbot):
    for number in range(4):
        add(f"Company {number}", "Engineer", Stage.REJECTED)
    board.reload()
    board.closed_toggle.setChecked(True)
    qtbot.waitUntil(lambda: board.columns[Stage.REJECTED].list.isVisible())
    assert visible_cards(board, Stage.REJECTED) >= 4  # every card shows, no scrolling
    rejected = board.columns[Stage.REJECTED].height()
    for stage in (Stage.ACCEPTED, Stage.WITHDRAWN, Stage.GHOSTED):
        empty = board.columns[stage]
        assert empty.height() < rejected / 3  # a header and room to drop a card
        assert empty.list.viewport().height() >= 2 * empty.list.fontMetrics().height()


def test_a_lane_with_one_card_is_no_taller_than_it(board, add, qtbot):
    for number in range(6):
        add(f"Company {number}", "Engineer", Stage.REJECTED)
    for stage in (Stage.ACCEPTED, Stage.WITHDRAWN, Stage.GHOSTED):
        add(f"{stage.label} Co", "Engineer", stage)
    board.reload()
    board.closed_toggle.setChecked(True)
    qtbot.waitUntil(lambda: board.columns[Stage.REJECTED].list.isVisible())
    for stage in (Stage.ACCEPTED, Stage.WITHDRAWN, Stage.GHOSTED):
        assert 1 <= visible_cards(board, stage) < 1.5
    assert visible_cards(board, Stage.REJECTED) >= 2  # the rest of the room


def test_a_board_from_the_first_paint_reads_the_closed_lanes_when_first_opened(
    qtbot, store, events, add, db_path
):
    add("Northwind", "Backend Engineer", Stage.APPLIED)
    rejected = add("Kestrel Maps", "Data Engineer", Stage.REJECTED)
    board = board_from_first_paint(qtbot, store, events, db_path)
    assert Stage.REJECTED not in board.columns  # folded: not even built for the first paint
    assert board.closed_toggle.text() == "Closed · 1"
    idle_for(100)  # a real event loop: the lanes are built once the board is idle
    lane = board.columns[Stage.REJECTED]
    assert lane.model.rowCount() == 0  # counted; its hidden view fetched nothing
    assert "Rejected · 1" in lane.header.text()
    assert board.closed_toggle.text() == "Closed · 1"

    qtbot.mouseClick(board.closed_toggle, Qt.MouseButton.LeftButton)

    assert board.closed_panel.isVisible()
    assert lane.model.rowCount() == 1
    assert board.select_application(rejected)
    assert board.selected_stage() is Stage.REJECTED


def board_from_first_paint(qtbot, store, events, db_path) -> BoardView:
    """A board built as start-up builds it, from the plain first read, shown."""
    from tracker.startup.first_paint import read_first_paint

    board = BoardView(store, events, first_paint=read_first_paint(db_path).board)
    qtbot.addWidget(board)
    board.resize(1200, 500)
    board.show()
    qtbot.waitExposed(board)
    return board


def idle_for(ms: int) -> None:
    """Run a real event loop (qtbot.wait only polls: the loop never waits for input)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_opening_the_closed_lanes_before_they_are_built_builds_and_reads_them(
    qtbot, store, events, add, db_path
):
    ghosted = add("Quiet Co", "Analyst", Stage.GHOSTED)
    board = board_from_first_paint(qtbot, store, events, db_path)

    qtbot.mouseClick(board.closed_toggle, Qt.MouseButton.LeftButton)

    assert board.columns[Stage.GHOSTED].model.rowCount() == 1
    assert board.select_application(ghosted)
    idle_for(50)  # the idle build that was waiting finds them built: nothing twice
    assert board.closed_panel.layout().count() == len(CLOSED_ORDER) + 1  # and the stretch
