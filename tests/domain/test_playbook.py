from pathlib import Path

import pytest

from tracker.db.enums import DebriefPath, TaskKind
from tracker.domain.rejection.playbook import (
    Audience,
    PlaybookError,
    default_playbook,
    load_playbook,
)

GOOD = """
version = 1

[[fight]]
id = "ask"
kind = "feedback_request"
audience = "recruiter"
due_business_days = 0
template = "fight_feedback_request"
title = "Ask {first_name}"

[[fight]]
id = "thanks"
kind = "thank_you"
audience = "each_interviewer"
due_business_days = 1
template = "fight_thank_you"
title = "Thank {first_name}"
why = "Because."

[[flight]]
id = "thanks"
kind = "thank_you"
audience = "each_interviewer"
due_business_days = 1
template = "flight_thank_you"
title = "Thank {first_name}"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "playbook.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_playbook_has_both_paths_in_order() -> None:
    book = default_playbook()
    assert [s.id for s in book.steps(DebriefPath.FIGHT)] == [
        "feedback_request",
        "thank_you",
        "reflection",
        "letter",
        "pass_letter",
        "follow_up",
        "meeting_request",
    ]
    assert [s.id for s in book.steps(DebriefPath.FLIGHT)] == ["thank_you", "referral", "reflection"]
    first = book.fight[0]
    assert (first.kind, first.audience, first.due_business_days) == (
        TaskKind.FEEDBACK_REQUEST,
        Audience.RECRUITER,
        0,
    )
    assert all(step.why for step in book.fight + book.flight)


def test_good_file_from_a_path_or_text(tmp_path: Path) -> None:
    book = load_playbook(_write(tmp_path, GOOD))
    assert book == load_playbook(GOOD)
    assert book.fight[1].why == "Because."
    assert book.flight[0].template == "flight_thank_you"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('audience = "each_interviewer"', 'audience = "everyone"'),
            "fight step 2 'thanks': unknown audience 'everyone' (expected one of: recruiter,",
        ),
        (('kind = "thank_you"', 'kind = "hug"'), "fight step 2 'thanks': unknown kind 'hug'"),
        (
            ('template = "fight_thank_you"', 'template = "no_such_template"'),
            "fight step 2 'thanks': template 'no_such_template' not found",
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
        load_playbook(_write(tmp_path, text))
    assert message in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace('kind = "thank_you"', 'kind = "hug"').replace(
        'audience = "recruiter"', 'audience = "boss"'
    )
    with pytest.raises(PlaybookError) as caught:
        load_playbook(text)
    assert len(caught.value.problems) == 3  # two bad kinds, one bad audience


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="could not be read"):
        load_playbook(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"title = '\xe9'")
    with pytest.raises(PlaybookError, match="could not be read"):
        load_playbook(path)


def test_template_check_can_be_pointed_elsewhere() -> None:
    assert load_playbook(GOOD, template_exists=lambda name: True).fight[0].id == "ask"
    with pytest.raises(PlaybookError, match="template 'fight_feedback_request' not found"):
        load_playbook(GOOD, template_exists=lambda name: name != "fight_feedback_request")
