"""The playbook and templates the app ships: they load, pass the checks and render whole.

Only what every version of them must keep is checked here, never their wording, so a writer
can improve a sentence freely. The logic is tested with the tests' own playbook and templates
(tests/fixtures/rejection).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from tracker.db.enums import DebriefPath
from tracker.db.models import Application, Company
from tracker.domain.demo import load_demo
from tracker.domain.drafts.templates import (
    FIELDS,
    GAPS,
    render,
    shipped_template,
    split_subject,
    template_exists,
    template_names,
    unknown_fields,
)
from tracker.domain.rejection import (
    FIND_INTERVIEWERS,
    GAP_NAMES,
    build_plan,
    gather,
    prefill_answers,
)
from tracker.domain.rejection.playbook import default_playbook
from tracker.domain.store import Store

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
EVERY_FIELD = {name: f"<{name} value>" for name in FIELDS}
SHIPPED = template_names()


def test_the_shipped_playbook_loads_and_each_step_has_its_template() -> None:
    book = default_playbook()  # raises PlaybookError naming any bad entry
    assert book.templates is None  # the shipped templates
    for path in DebriefPath:
        steps = book.steps(path)
        assert steps, path
        assert len({step.id for step in steps}) == len(steps), path
        for step in steps:
            assert step.template in SHIPPED, (path, step.id)
            assert unknown_fields(step.title) == [], (path, step.id)
            title = render(step.title, EVERY_FIELD)
            assert not PLACEHOLDER.search(title), (path, step.id)
    assert template_exists(FIND_INTERVIEWERS)  # planned when no interviewers are on record


def test_the_shipped_templates_list_is_what_is_on_disk() -> None:
    assert SHIPPED
    assert all(template_exists(name) for name in SHIPPED)
    used = {step.template for path in DebriefPath for step in default_playbook().steps(path)}
    assert used | {FIND_INTERVIEWERS} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_template_renders_whole_in_our_voice(name: str) -> None:
    text = shipped_template(name)
    assert unknown_fields(text) == []  # every {placeholder} is one the app fills
    draft = split_subject(render(text, EVERY_FIELD))
    assert draft.subject  # every draft is a message with a subject line
    assert draft.body
    for part in (draft.subject, draft.body):
        assert not PLACEHOLDER.search(part)
        assert not any(gap in part for gap in GAPS.values() if gap.startswith("["))
    # The house style for drafts: calm, no exclamation marks, no talk of mistakes.
    assert "!" not in text
    assert "mistake" not in text.lower()


def test_the_demo_application_plans_with_nothing_left_unfilled(store: Store) -> None:
    today = date(2026, 11, 26)
    load_demo(store, today)
    with store.reading() as s:
        app = s.scalar(
            select(Application.id).join(Company).where(Company.name == "Northwind Analytics")
        )
    assert app is not None
    facts = gather(store, app)
    picked = [p.contact_id for p in facts.network if p.name in ("Ana Ruiz", "Lee Chen")]
    gaps = {gap for gap in GAPS.values() if gap.startswith("[")} | set(GAP_NAMES.values())
    for path in DebriefPath:
        plan = build_plan(
            facts,
            prefill_answers(facts),
            path,
            default_playbook(),
            today,
            "Sam",
            picked,
            debrief=("Clear answers on billing", "Ask about the team earlier"),
        )
        assert {task.step_id for task in plan} == {s.id for s in default_playbook().steps(path)}
        for task in plan:
            where = (path, task.step_id)
            assert task.note is None, where
            for part in (task.title, task.subject, task.body):
                assert part.strip(), where
                assert not PLACEHOLDER.search(part), where
                assert not [gap for gap in gaps if gap in part], where
