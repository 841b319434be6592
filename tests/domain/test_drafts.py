"""Rendering drafts safely, and reading templates (the tests' own, or an edited copy).

(tests/domain/test_shipped_texts.py checks the templates the app ships.)
"""

from pathlib import Path

import pytest

from tests.fixtures import TEMPLATES
from tracker.domain.drafts.templates import (
    FIELDS,
    GAPS,
    TemplateError,
    in_sentence,
    is_overridden,
    load_template,
    natural_list,
    render,
    render_draft,
    reset_template,
    save_template_override,
    shipped_template,
    split_subject,
    template_exists,
    template_names,
    unknown_fields,
)

HOSTILE = [
    "{x.__class__}",
    "{x.__class__.__init__.__globals__}",
    "{{",
    "}",
    "{",
    "$name",
    "${name}",
    "%(a)s",
    "%s",
    "{0}",
    "{}",
    "{first_name!r}",
    "{first_name:>10}",
    "{FIRST_NAME}",
    "\\{first_name\\}",
]


@pytest.mark.parametrize("value", [*HOSTILE, "x" * 100_000, "{first_name}"])
def test_values_come_out_exactly_as_typed(value: str) -> None:
    assert render("Hi {first_name}, about {topics}.", {"first_name": value, "topics": value}) == (
        f"Hi {value}, about {value}."
    )


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_templates_stay_as_typed(template: str) -> None:
    assert render(template, {"first_name": "Priya", "name": "X", "a": "Y"}) == template


def test_known_fields_fill_and_unknown_ones_stay_visible() -> None:
    text = "{first_name} {nickname} {company} {{first_name}} $first_name"
    assert render(text, {"first_name": "Priya", "company": "Northwind"}) == (
        "Priya {nickname} Northwind {Priya} $first_name"
    )
    assert unknown_fields(text) == ["nickname"]


def test_missing_values_show_bracketed_gaps() -> None:
    text = "{first_name}|{topics}|{user_name}|{role}"
    assert render(text, {"first_name": None, "topics": "  ", "user_name": ""}) == (
        "[their name]|[what you discussed]|[your name]|[role]"
    )
    assert render("{first_name}", {}, {"first_name": "[recruiter's name]"}) == (
        "[recruiter's name]"
    )


def test_rendering_never_raises_on_odd_input() -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no")

    values = {"first_name": Broken(), "topics": 42}
    assert render("{first_name} {topics}", values) == "[their name] 42"  # type: ignore[arg-type]
    assert render(None, {}) == "None"  # type: ignore[arg-type]
    assert render("", {}) == ""


def test_every_field_has_a_gap_in_brackets_or_words() -> None:
    assert set(GAPS) == set(FIELDS)
    # who_decided is a whole optional sentence: left out when it is not needed.
    assert all(
        gap.startswith("[") or gap.isalpha() for n, gap in GAPS.items() if n != "who_decided"
    )
    assert GAPS["who_decided"] == ""


def test_subject_and_body() -> None:
    assert split_subject("Subject: Hello\n\nBody\nmore\n") == split_subject(
        "subject:Hello\nBody\nmore"
    )
    draft = split_subject("Subject: Hello\n\nBody\nmore\n")
    assert (draft.subject, draft.body) == ("Hello", "Body\nmore")
    assert split_subject("No subject here\nbody").subject == ""


def test_templates_can_be_read_from_another_folder(tmp_path: Path) -> None:
    names = template_names(TEMPLATES)
    assert names == sorted(p.stem for p in TEMPLATES.glob("*.txt"))
    assert "thanks" in names
    assert template_exists("thanks", TEMPLATES)
    assert not template_exists("nope", TEMPLATES)
    assert not template_exists("../rejection/playbook", TEMPLATES)
    own = (TEMPLATES / "thanks.txt").read_text(encoding="utf-8")
    assert shipped_template("thanks", TEMPLATES) == own
    assert load_template("thanks", tmp_path, TEMPLATES) == own  # no edited copy
    draft = render_draft("thanks", {"first_name": "Priya"}, folder=TEMPLATES)
    assert (draft.subject, draft.body) == (
        "Thanks, Priya",
        "Hi Priya. Topics: [what you discussed].\n[your name]",
    )
    (tmp_path / "thanks.txt").write_text("Subject: Mine\n\nHi {first_name}")
    draft = render_draft("thanks", {"first_name": "Priya"}, None, tmp_path, TEMPLATES)
    assert (draft.subject, draft.body) == ("Mine", "Hi Priya")  # the edited copy wins
    with pytest.raises(TemplateError):
        shipped_template("nope", TEMPLATES)


def test_user_edit_wins_until_reset(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    name = template_names()[0]  # any shipped one: only those can be edited
    assert not is_overridden(name, folder)
    shipped = load_template(name, folder)
    assert shipped == shipped_template(name)
    save_template_override(name, "Subject: Mine\n\nHi {first_name} {x.y}", folder)
    assert is_overridden(name, folder)
    draft = render_draft(name, {"first_name": "Priya"}, override_dir=folder)
    assert (draft.subject, draft.body) == ("Mine", "Hi Priya {x.y}")
    assert load_template(name) == shipped  # no folder: always the shipped one
    reset_template(name, folder)
    reset_template(name, folder)  # twice is fine
    assert load_template(name, folder) == shipped
    assert list(folder.iterdir()) == []  # no temp files left behind


@pytest.mark.parametrize("name", ["../playbook", "a/b", "", "Thank You", "nope"])
def test_bad_or_unknown_template_names(name: str, tmp_path: Path) -> None:
    with pytest.raises(TemplateError):
        load_template(name, tmp_path)
    with pytest.raises(TemplateError):
        save_template_override(name, "x", tmp_path)
    assert not list(tmp_path.iterdir())


def test_words_for_fields() -> None:
    assert natural_list([]) == ""
    assert natural_list(["a"]) == "a"
    assert natural_list(["a", "b", "c"]) == "a, b and c"
    assert (
        in_sentence("Moving billing off the legacy system")
        == "moving billing off the legacy system"
    )
    assert in_sentence("How the team plans") == "how the team plans"
    assert in_sentence("Python typing") == "Python typing"  # may be a name: left alone
    assert in_sentence("API design") == "API design"
