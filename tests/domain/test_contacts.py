"""Contacts and the roles they play on applications."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.domain.reading import people_on
from tracker.db.enums import ContactRole, InterviewKind
from tracker.db.models import ApplicationContact, Company, Contact
from tracker.domain.applications import ApplicationInput, create_application
from tracker.domain.contacts import (
    ContactInput,
    ContactRow,
    assign_role,
    contact_count,
    contact_rows,
    create_contact,
    delete_contact,
    get_contact,
    interviews_with,
    remove_role,
    roles_of,
    update_contact,
)
from tracker.domain.errors import NotFoundError, ValidationError
from tracker.domain.interviews import InterviewInput, ParticipantInput, save_interview
from tracker.domain.store import Store

ANN = ContactInput(
    name="Ann Archer",
    title="Recruiter",
    company="Acme",
    email="ann@acme.example",
    phone="+31 6 1234 5678",
    profile_url="https://www.linkedin.com/in/ann",
    notes="Met at a meetup.",
    in_network=True,
)


def count(store: Store, model: type) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def app_id(store: Store) -> int:
    return create_application(store, ApplicationInput(company="Acme", role="Engineer")).value


def test_create_then_get(store: Store) -> None:
    contact_id = create_contact(store, ANN).value
    assert get_contact(store, contact_id) == ANN


def test_contact_joins_an_existing_company(store: Store, app_id: int) -> None:
    create_contact(store, replace(ANN, company="acme"))
    assert count(store, Company) == 1


def test_minimal_contact_has_nothing_else(store: Store) -> None:
    contact_id = create_contact(store, ContactInput(name="  Bo  ", email="  ", company="")).value
    assert get_contact(store, contact_id) == ContactInput(name="Bo")


def test_update_replaces_every_field(store: Store) -> None:
    contact_id = create_contact(store, ANN).value
    changed = ContactInput(name="Ann Baker", company="Globex", email="ann@globex.example")
    update_contact(store, contact_id, changed)
    assert get_contact(store, contact_id) == changed
    update_contact(store, contact_id, ContactInput(name="Ann Baker"))
    assert get_contact(store, contact_id).company is None


def test_delete_removes_the_contact_and_their_roles(store: Store, app_id: int) -> None:
    keep = create_contact(store, ContactInput(name="Keep")).value
    gone = create_contact(store, ContactInput(name="Gone")).value
    assign_role(store, app_id, keep, ContactRole.RECRUITER)
    assign_role(store, app_id, gone, ContactRole.HIRING_MANAGER)
    delete_contact(store, gone)
    with pytest.raises(NotFoundError):
        get_contact(store, gone)
    assert [(cid, name) for cid, name, _ in people_on(store, app_id)] == [(keep, "Keep")]
    assert count(store, ApplicationContact) == 1


@pytest.mark.parametrize(
    "operation",
    [
        lambda s: get_contact(s, 999),
        lambda s: update_contact(s, 999, ContactInput(name="X")),
        lambda s: delete_contact(s, 999),
    ],
    ids=["get", "update", "delete"],
)
def test_missing_contact_raises_not_found(store: Store, operation) -> None:
    with pytest.raises(NotFoundError) as caught:
        operation(store)
    assert caught.value.what == "contact"
    assert caught.value.row_id == 999
    assert "no longer exists" in str(caught.value)


INVALID = [
    ("empty name", {"name": " "}, "name"),
    ("name too long", {"name": "n" * 201}, "name"),
    ("email without at", {"email": "ann.example.com"}, "email"),
    ("email with a space", {"email": "ann @example.com"}, "email"),
    ("email starting with at", {"email": "@example.com"}, "email"),
    ("javascript profile", {"profile_url": "javascript:alert(1)"}, "profile_url"),
    ("ftp profile", {"profile_url": "ftp://x"}, "profile_url"),
    ("profile without scheme", {"profile_url": "www.example.com"}, "profile_url"),
    ("phone without digits", {"phone": "call me"}, "phone"),
    ("notes too long", {"notes": "n" * 20_001}, "notes"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_contact_is_refused(store: Store, changes: dict[str, object], field: str) -> None:
    existing = create_contact(store, ANN).value
    before = (count(store, Contact), count(store, Company))
    with pytest.raises(ValidationError) as caught:
        create_contact(store, replace(ANN, **changes))
    assert caught.value.problems.keys() == {field}
    assert caught.value.message[0].isupper()
    assert caught.value.message.endswith(".")
    with pytest.raises(ValidationError):
        update_contact(store, existing, replace(ANN, company="Other", **changes))
    assert (count(store, Contact), count(store, Company)) == before
    assert get_contact(store, existing) == ANN


def test_all_contact_problems_are_reported(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        create_contact(store, ContactInput(name="", email="nope", profile_url="ftp://x"))
    assert set(caught.value.problems) == {"name", "email", "profile_url"}
    assert count(store, Contact) == 0


def test_assign_role_is_idempotent(store: Store, app_id: int) -> None:
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    assign_role(store, app_id, contact_id, ContactRole.RECRUITER)
    assign_role(store, app_id, contact_id, "recruiter")
    assert people_on(store, app_id) == [(contact_id, "Ann", ContactRole.RECRUITER)]
    assert count(store, ApplicationContact) == 1


def test_one_contact_can_play_several_roles(store: Store, app_id: int) -> None:
    contact_id = create_contact(store, ContactInput(name="Morgan")).value
    assign_role(store, app_id, contact_id, ContactRole.DECISION_MAKER)
    assign_role(store, app_id, contact_id, ContactRole.HIRING_MANAGER)
    roles = {role for _, _, role in people_on(store, app_id)}
    assert roles == {ContactRole.DECISION_MAKER, ContactRole.HIRING_MANAGER}


def test_remove_role_removes_only_that_role(store: Store, app_id: int) -> None:
    contact_id = create_contact(store, ContactInput(name="Morgan")).value
    assign_role(store, app_id, contact_id, ContactRole.DECISION_MAKER)
    assign_role(store, app_id, contact_id, ContactRole.HIRING_MANAGER)
    remove_role(store, app_id, contact_id, "decision_maker")
    assert people_on(store, app_id) == [(contact_id, "Morgan", ContactRole.HIRING_MANAGER)]
    remove_role(store, app_id, contact_id, ContactRole.DECISION_MAKER)  # already gone: fine
    assert len(people_on(store, app_id)) == 1
    assert get_contact(store, contact_id).name == "Morgan"  # the person stays


def test_people_on_lists_only_that_application(store: Store, app_id: int) -> None:
    other = create_application(store, ApplicationInput(company="Globex", role="Engineer")).value
    zed = create_contact(store, ContactInput(name="Zed")).value
    amy = create_contact(store, ContactInput(name="Amy")).value
    bob = create_contact(store, ContactInput(name="Bob")).value
    assign_role(store, app_id, zed, ContactRole.RECRUITER)
    assign_role(store, app_id, amy, ContactRole.RECRUITER)
    assign_role(store, other, bob, ContactRole.RECRUITER)
    assert people_on(store, app_id) == [
        (amy, "Amy", ContactRole.RECRUITER),
        (zed, "Zed", ContactRole.RECRUITER),
    ]
    assert people_on(store, other) == [(bob, "Bob", ContactRole.RECRUITER)]


def test_assign_role_checks_its_inputs(store: Store, app_id: int) -> None:
    contact_id = create_contact(store, ContactInput(name="Ann")).value
    with pytest.raises(ValidationError) as caught:
        assign_role(store, app_id, contact_id, "boss")
    assert caught.value.field == "role"
    with pytest.raises(ValidationError):
        assign_role(store, app_id, contact_id, "")
    with pytest.raises(NotFoundError) as missing_app:
        assign_role(store, 999, contact_id, ContactRole.RECRUITER)
    assert missing_app.value.what == "application"
    with pytest.raises(NotFoundError) as missing_contact:
        assign_role(store, app_id, 999, ContactRole.RECRUITER)
    assert missing_contact.value.what == "contact"
    assert count(store, ApplicationContact) == 0


def test_contact_rows_search_name_title_company_email(store: Store) -> None:
    ann = create_contact(store, ANN).value
    bo = create_contact(store, ContactInput(name="Bo", email="bo@fabrikam.example")).value
    pct = create_contact(store, ContactInput(name="Cy", title="Top 1% _closer_")).value
    assert [r.id for r in contact_rows(store)] == [ann, bo, pct]  # by name
    assert [r.id for r in contact_rows(store, "RECRUIT")] == [ann]
    assert [r.id for r in contact_rows(store, "acme")] == [ann]  # company name
    assert [r.id for r in contact_rows(store, "fabrikam")] == [bo]
    assert [r.id for r in contact_rows(store, "1%")] == [pct]
    assert [r.id for r in contact_rows(store, "%")] == [pct]  # literal percent sign
    assert [r.id for r in contact_rows(store, "_")] == [pct]  # literal, not any character
    row = contact_rows(store, "ann")[0]
    assert row == ContactRow(ann, "Ann Archer", "Recruiter", "Acme", "ann@acme.example", True)
    assert contact_count(store) == 3


def test_contact_rows_network_only(store: Store) -> None:
    ann = create_contact(store, ANN).value
    create_contact(store, ContactInput(name="Bo"))
    assert [r.id for r in contact_rows(store, network_only=True)] == [ann]


def test_roles_of_and_interviews_with(store: Store, app_id: int) -> None:
    ann = create_contact(store, ANN).value
    assign_role(store, app_id, ann, ContactRole.RECRUITER)
    assign_role(store, app_id, ann, ContactRole.INTERVIEWER)
    roles = roles_of(store, ann)
    assert {(r.application_id, r.company, r.role_title) for r in roles} == {
        (app_id, "Acme", "Engineer")
    }
    assert sorted(r.role for r in roles) == sorted([ContactRole.RECRUITER, ContactRole.INTERVIEWER])
    interview = save_interview(
        store,
        app_id,
        None,
        InterviewInput(kind=InterviewKind.TECHNICAL, participants=(ParticipantInput(ann),)),
    ).value
    talks = interviews_with(store, ann)
    assert [(t.interview_id, t.company, t.kind) for t in talks] == [
        (interview, "Acme", InterviewKind.TECHNICAL)
    ]
    assert roles_of(store, 9999) == []
