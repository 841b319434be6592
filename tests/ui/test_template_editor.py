"""The template editor: your own version is saved, used by the next plan, and can be reset.

Any shipped template will do, so the test takes the first one the editor lists and plans
with a playbook it writes itself whose one step uses that template.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.domain.test_rejection import THURSDAY, make_application
from tracker.domain.drafts.templates import is_overridden, shipped_template
from tracker.domain.rejection.playbook import load_playbook
from tracker.ui.drafts.template_editor import TemplateEditorDialog
from tracker.ui.rejection.panel import RejectionPanel


def test_save_my_version_is_used_by_the_next_render_and_reset_restores(
    qtbot, store, events, tmp_path
):
    folder = tmp_path / "templates"
    dialog = TemplateEditorDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "{topics}" in dialog.fields.text()
    name = dialog.model.name(0)
    dialog.select(name)
    assert dialog.editor.toPlainText() == shipped_template(name)
    assert not dialog.reset_button.isEnabled()
    dialog.editor.setPlainText(
        "Subject: Thanks, {first_name}\n\nDear {first_name}, about {topics}."
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert is_overridden(name, folder)
    assert dialog.status.text() == "Your version"
    assert dialog.reset_button.isEnabled()
    row = dialog.list.currentIndex()
    assert row.data().endswith("(your version)")

    ids = make_application(store)
    playbook = load_playbook(
        f"""
        [[fight]]
        id = "other"
        kind = "todo"
        audience = "self"
        due_business_days = 0
        template = "{name}"
        title = "Other"
        [[flight]]
        id = "thanks"
        kind = "thank_you"
        audience = "each_interviewer"
        due_business_days = 1
        template = "{name}"
        title = "Thank {{first_name}}"
        """
    )
    panel = RejectionPanel(
        store,
        events,
        ids["app"],
        today=THURSDAY,
        user_name="Sam",
        override_dir=folder,
        playbook=playbook,
    )
    qtbot.addWidget(panel)
    panel.go(1)
    qtbot.mouseClick(panel.questions.flight_button, Qt.MouseButton.LeftButton)
    first = next(task for task in panel.tasks() if task.step_id == "thanks")
    assert first.subject == "Thanks, Priya"
    assert first.body.startswith("Dear Priya, about moving billing")

    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not is_overridden(name, folder)
    assert dialog.editor.toPlainText() == shipped_template(name)


def test_templates_model_passes_the_model_tester(qtmodeltester, tmp_path):
    dialog = TemplateEditorDialog(tmp_path / "templates")
    qtmodeltester.check(dialog.model, force_py=True)
    dialog.deleteLater()
