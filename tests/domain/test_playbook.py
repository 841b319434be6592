"""Loading and checking a playbook, with playbooks and templates the tests write themselves.

(tests/domain/test_shipped_texts.py checks the playbook the app ships.)
"""

from pathlib import Path

import pytest

from tests.fixtures import REJECTION, TEMPLATES, rejection_playbook
from tracker.db.enums import DebriefPath, TaskKind
from tracker.domain.rejection.playbook import (
    Audience,
    PlaybookError,
    load_playbook,
)

GOOD = """
version = 1

[[fight]]
id = "ask"
kind = "feedback_request"
audience = "recruiter"
due_business_days = 0
template = "ask"
title = "Ask {first_name}"

[[fight]]
id = "thanks"
kind = "thank_you"
audience = "each_interviewer"
due_business_days = 1
template = "thanks"
title = "Thank {first_name}"
why = "Because."

[[flight]]
id = "thanks"
kind = "thank_you"
audience = "each_interviewer"
due_business_days = 1
template = "close"
title = "Thank {first_name}"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "playbook.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_tests_playbook_loads_with_both_paths_in_order() -> None:
    book = rejection_playbook()
    assert book.templates == TEMPLATES
    assert [s.id for s in book.steps(DebriefPath.FIGHT)] == [
        "ask",
        "thanks",
        "reflect",
        "letter",
        "nudge",
        "meet",
    ]
    assert [s.id for s in book.steps(DebriefPath.FLIGHT)] == ["thanks", "offer", "close"]
    ask = book.fight[0]
    assert (ask.kind, ask.audience, ask.due_business_days, ask.template, ask.title) == (
        TaskKind.FEEDBACK_REQUEST,
        Audience.RECRUITER,
        0,
        "ask",
        "Ask {first_name}",
    )
    assert ask.why == "Test reason for asking."
    assert book.fight[1].why == ""  # optional


def test_good_file_from_a_path_or_text(tmp_path: Path) -> None:
    book = load_playbook(_write(tmp_path, GOOD), TEMPLATES)
    assert book == load_playbook(GOOD, TEMPLATES)
    assert book.fight[1].why == "Because."
    assert book.flight[0].template == "close"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('audience = "each_interviewer"', 'audience = "everyone"'),
            "fight step 2 'thanks': unknown audience 'everyone' (expected one of: recruiter,",
        ),
        (('kind = "thank_you"', 'kind = "hug"'), "fight step 2 'thanks': unknown kind 'hug'"),
        (
            ('template = "thanks"', 'template = "no_such_template"'),
            "fight step 2 'thanks': template 'no_such_template' not found",
        ),
        (
            ('template = "thanks"', 'template = "../thanks"'),
            "fight step 2 'thanks': template '../thanks' not found",
        ),
        (
            ("due_business_days = 0", "due_business_days = -1"),
            "fight step 1 'ask': 'due_business_days' must be a whole number from 0 to 260, not -1",
        ),
        (
            ("due_business_days = 0", "due_business_days = 1.5"),
            "fight step 1 'ask': 'due_business_days' must be a whole number",
        ),
        (
            ("due_business_days = 0", 'due_business_days = "2"'),
            "fight step 1 'ask': 'due_business_days' must be a whole number",
        ),
        (('id = "ask"', 'id = "thanks"'), "fight step 2 'thanks': duplicate id"),
        (('title = "Ask {first_name}"\n', ""), "fight step 1 'ask': missing 'title'"),
        (('id = "ask"\n', ""), "fight step 1: missing 'id'"),
        (
            ('title = "Ask {first_name}"', 'title = "Ask {firstname}"'),
            "fight step 1 'ask': title uses unknown field(s) firstname",
        ),
        (('why = "Because."', 'wyh = "Because."'), "fight step 2 'thanks': unknown field 'wyh'"),
        (("[[flight]]", "[[flite]]"), "the 'flight' path has no steps"),
        (("[[fight]]", "fight = 3\n[[x]]"), "the playbook is not valid TOML"),
    ],
)
def test_each_kind_of_bad_entry_is_named(
    change: tuple[str, str], message: str, tmp_path: Path
) -> None:
    old, new = change
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(_write(tmp_path, text), TEMPLATES)
    assert message in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace('kind = "thank_you"', 'kind = "hug"').replace(
        'audience = "recruiter"', 'audience = "boss"'
    )
    with pytest.raises(PlaybookError) as caught:
        load_playbook(text, TEMPLATES)
    assert len(caught.value.problems) == 3  # two bad kinds, one bad audience


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="could not be read"):
        load_playbook(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"title = '\xe9'")
    with pytest.raises(PlaybookError, match="could not be read"):
        load_playbook(path)


def test_templates_are_looked_for_in_the_playbooks_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("ask", "close"):  # "thanks" is missing here
        (folder / f"{name}.txt").write_text((TEMPLATES / f"{name}.txt").read_text())
    with pytest.raises(PlaybookError) as caught:
        load_playbook(GOOD, folder)
    assert caught.value.problems == ["fight step 2 'thanks': template 'thanks' not found"]
    (folder / "thanks.txt").write_text("Subject: Hi\n\nHello {first_name}")
    assert load_playbook(GOOD, folder).templates == folder
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PlaybookError) as caught:
        load_playbook(GOOD, empty)
    assert [p.split(": ")[1] for p in caught.value.problems] == [
        "template 'ask' not found",
        "template 'thanks' not found",
        "template 'close' not found",
    ]
    assert load_playbook(REJECTION / "playbook.toml", TEMPLATES) == rejection_playbook()
