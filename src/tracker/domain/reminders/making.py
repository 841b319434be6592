"""What the follow-up rules owe one page of applications: the tasks to make, and the dates of
open rule tasks to move (an interview or an offer deadline moved).

tracker.domain.reminders.engine runs this a page at a time, each page in its own short
transaction. New tasks are kept aside until the page is done (no flush while reading), so
the page holds SQLite's write lock only for its last few milliseconds and a write from the
window never waits long behind the rules.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from tracker.db.enums import ContactRole, Stage, TaskKind, TaskOrigin
from tracker.db.models import (
    Application,
    ApplicationContact,
    Interview,
    InterviewParticipant,
    RuleFiring,
    Task,
)
from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.drafts.templates import render, render_draft
from tracker.domain.reminders import rules as r
from tracker.domain.reminders.context import (
    addressee_values,
    prepare_values,
    recipient,
    topics_of,
)

REPLIED = "replied"  # a firing that stops a follow-up chain
THANK_YOU_WINDOW = timedelta(days=14)  # a thank-you this late is not planned any more
# A thank-you the person wrote down themselves, without linking it to the interview, counts
# for an interview that far after it was made (written while planning the day, say).
OWN_TASK_LEAD = timedelta(days=7)
WAITING = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)  # stages that can go quiet


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


@dataclass(frozen=True)
class OwnTask:
    """A thank-you or preparation task the person made (or a plan did), not a rule."""

    kind: TaskKind
    contact_id: int | None
    interview_id: int | None
    created_at: datetime
    due_on: date | None
    done: bool

    def thanks(self, interview: Interview, contact_id: int) -> bool:
        """Already a thank-you to this person for this interview."""
        if self.kind is not TaskKind.THANK_YOU or self.contact_id != contact_id:
            return False
        if self.interview_id is not None:
            return self.interview_id == interview.id
        assert interview.starts_at is not None
        return self.created_at >= interview.starts_at - OWN_TASK_LEAD

    def prepares(self, interview: Interview, day: date) -> bool:
        """Already an open preparation for this interview (or for the day before it)."""
        if self.kind is not TaskKind.PREP:
            return False
        if self.interview_id is not None:
            return self.interview_id == interview.id
        return not self.done and (self.due_on is None or self.due_on <= day)


class PageRun:
    """The rules over the applications with these ids, in one session."""

    def __init__(
        self,
        session: Session,
        page: Collection[int],
        rules: r.RuleSet,
        now: datetime,
        user: str,
        override_dir: Path | None,
    ) -> None:
        self.session = session
        self.page = list(page)
        self.override_dir = override_dir
        self.rules = rules
        self.now = now
        self.today = local_day(now)
        self.user = user
        self.examined = 0
        self._new: list[tuple[Task, RuleFiring]] = []
        self._made_tasks: dict[int, Task] | None = None
        # The person's own thank-you and preparation tasks: a rule does not plan them twice.
        self.own: dict[int, list[OwnTask]] = {}
        for row in session.execute(
            select(
                Task.application_id,
                Task.kind,
                Task.contact_id,
                Task.interview_id,
                Task.created_at,
                Task.due_on,
                Task.done,
            ).where(
                Task.application_id.in_(self.page),
                Task.origin != TaskOrigin.RULE,
                Task.kind.in_([TaskKind.THANK_YOU, TaskKind.PREP]),
            )
        ):
            assert row.application_id is not None
            self.own.setdefault(row.application_id, []).append(OwnTask(*row[1:]))
        self.fired: dict[tuple[str, str], int | None] = {
            (rule, subject): task_id
            for rule, subject, task_id in session.execute(
                select(RuleFiring.rule, RuleFiring.subject, RuleFiring.task_id).where(
                    RuleFiring.application_id.in_(self.page)
                )
            )
        }

    def make_due(self, *owing: ColumnElement[bool]) -> list[int]:
        """Make what the rules owe the page's applications that still match *owing*; the
        ids of the new tasks."""
        query = (
            select(Application)
            .where(Application.id.in_(self.page), *owing)
            .options(
                selectinload(Application.company),
                selectinload(Application.stage_changes),
                selectinload(Application.contacts).selectinload(ApplicationContact.contact),
                selectinload(Application.interviews)
                .selectinload(Interview.participants)
                .selectinload(InterviewParticipant.contact),
            )
            .order_by(Application.id)
        )
        with self.session.no_autoflush:  # no write (and no write lock) before the end
            for application in self.session.scalars(query).all():
                self.examined += 1
                self._follow_ups(application)
                self._interviews(application)
                self._offer(application)
        return self._save_new()

    def _save_new(self) -> list[int]:
        tasks = [task for task, _ in self._new]
        self.session.add_all(tasks)
        self.session.flush()
        for task, firing in self._new:
            firing.task_id = task.id
            self.session.add(firing)
        return [task.id for task in tasks]

    def _follow_ups(self, application: Application) -> None:
        rule = self.rules.on(r.APPLIED_NO_REPLY)
        silence = self.rules.get(r.SILENCE)
        if application.stage is not Stage.APPLIED or not application.stage_changes:
            return
        entered = application.stage_changes[-1]
        if entered.to_stage is not Stage.APPLIED:
            return
        chain = f"app:{application.id}:applied:{entered.id}"
        if (REPLIED, chain) in self.fired:
            return
        wait = timedelta(days=self.rules.get(r.APPLIED_NO_REPLY).number("days"))
        start = local_day(entered.changed_at)
        limit = silence.number("follow_ups")
        for n in range(1, limit + 2):
            subject = f"{chain}:{n}" if n <= limit else f"{chain}:silence"
            key = (r.APPLIED_NO_REPLY if n <= limit else r.SILENCE, subject)
            if key in self.fired:
                task = self._task(self.fired[key])
                if task is None or not task.done or task.done_at is None:
                    return  # deleted (the person wants no more) or still open
                start = local_day(task.done_at)
                continue
            if self.today < start + wait:
                return
            if n <= limit and rule is not None:
                self._make_follow_up(application, rule, subject, n)
            elif n > limit and silence.enabled:
                self._make(application, silence, subject, TaskKind.TODO, self.today)
            return

    def _interviews(self, application: Application) -> None:
        thanks = self.rules.on(r.THANK_YOU)
        prepare = self.rules.on(r.PREPARE)
        silence = self.rules.on(r.SILENCE)
        last: Interview | None = None
        for interview in application.interviews:
            if interview.starts_at is None:
                continue
            if interview.starts_at > self.now:
                if prepare is not None:
                    self._make_prepare(application, interview, prepare)
                continue
            last = interview
            if thanks is not None and self.now - interview.starts_at <= THANK_YOU_WINDOW:
                for part in interview.participants:
                    self._make_thank_you(application, interview, part, thanks)
        if (
            silence is not None
            and last is not None
            and last.starts_at is not None
            and application.stage in WAITING
            and application.stage_changed_at <= last.starts_at
            and self.today >= local_day(last.starts_at) + timedelta(days=silence.number("days"))
        ):
            subject = f"app:{application.id}:interview:{last.id}"
            self._make(application, silence, subject, TaskKind.TODO, self.today)

    def _offer(self, application: Application) -> None:
        rule = self.rules.on(r.OFFER_DECISION)
        deadline = application.offer_deadline
        if rule is None or application.stage is not Stage.OFFER or deadline is None:
            return
        due = add_business_days(deadline, -rule.number("business_days_before"))
        due = min(max(due, self.today), deadline)
        subject = f"app:{application.id}:offer"
        key = (r.OFFER_DECISION, subject)
        if key in self.fired:
            task = self._task(self.fired[key])
            if task is not None and not task.done and task.due_on != due:
                task.due_on = due  # the deadline moved: the decision moves with it
            return
        extra = {"deadline": f"{deadline:%A %-d %B %Y}"}
        self._make(application, rule, subject, TaskKind.TODO, due, extra=extra)

    # -- one rule's task ----------------------------------------------------------------

    def _make_follow_up(self, application: Application, rule: r.Rule, subject: str, n: int) -> None:
        person = recipient(application, (ContactRole.RECRUITER, ContactRole.HIRING_MANAGER))
        values, gaps = addressee_values(person, "[recruiter's name]")
        self._make(
            application,
            rule,
            subject,
            TaskKind.FOLLOW_UP,
            self.today,
            extra=values,
            gaps=gaps,
            contact_id=person.id if person is not None else None,
            needs_name=person is None,
        )

    def _make_thank_you(
        self,
        application: Application,
        interview: Interview,
        part: InterviewParticipant,
        rule: r.Rule,
    ) -> None:
        subject = f"interview:{interview.id}:contact:{part.contact_id}"
        if (rule.id, subject) in self.fired:
            return
        own = self.own.get(application.id, [])
        if any(task.thanks(interview, part.contact_id) for task in own):
            return  # the person has it in hand (or done) already
        assert interview.starts_at is not None
        due = add_business_days(local_day(interview.starts_at), rule.number("business_days"))
        values, gaps = addressee_values(part.contact, "[their name]")
        values["topics"] = topics_of(part)
        self._make(
            application,
            rule,
            subject,
            TaskKind.THANK_YOU,
            max(due, self.today),
            extra=values,
            gaps=gaps,
            contact_id=part.contact_id,
            interview_id=interview.id,
        )

    def _make_prepare(self, application: Application, interview: Interview, rule: r.Rule) -> None:
        assert interview.starts_at is not None
        day = local_day(interview.starts_at)
        due = min(max(day - timedelta(days=rule.number("days_before")), self.today), day)
        subject = f"interview:{interview.id}"
        key = (rule.id, subject)
        if key in self.fired:
            task = self._task(self.fired[key])
            if task is not None and not task.done and task.due_on != due:
                task.due_on = due  # the interview moved: so does the preparation
            return
        if any(task.prepares(interview, day) for task in self.own.get(application.id, [])):
            return  # the person is preparing already
        values = prepare_values(self.session, application, interview)
        self._make(
            application,
            rule,
            subject,
            TaskKind.PREP,
            due,
            extra=values,
            interview_id=interview.id,
        )

    def _make(
        self,
        application: Application,
        rule: r.Rule,
        subject: str,
        kind: TaskKind,
        due: date,
        *,
        extra: Mapping[str, str | None] | None = None,
        gaps: dict[str, str] | None = None,
        contact_id: int | None = None,
        interview_id: int | None = None,
        needs_name: bool = False,
    ) -> None:
        if (rule.id, subject) in self.fired:
            return
        values: dict[str, str | None] = {
            "company": application.company.name,
            "role": application.role,
            "user_name": self.user,
            **(extra or {}),
        }
        draft = render_draft(
            rule.template, values, gaps, self.override_dir, folder=self.rules.templates
        )
        task = Task(
            kind=kind,
            title=render(rule.title, values, gaps)[:300],
            due_on=due,
            draft_subject=draft.subject[:300] or None,
            draft_body=draft.body or None,
            origin=TaskOrigin.RULE,
            rule=rule.id,
            rule_subject=subject,
            needs_name=needs_name,
            application_id=application.id,
            contact_id=contact_id,
            interview_id=interview_id,
        )
        firing = RuleFiring(
            rule=rule.id, subject=subject, application_id=application.id, fired_at=self.now
        )
        self._new.append((task, firing))
        self.fired[(rule.id, subject)] = None  # saved with the page; only its key is read again

    def _task(self, task_id: int | None) -> Task | None:
        if task_id is None:
            return None
        if self._made_tasks is None:  # the page's rule tasks, read once (not one by one)
            fired = select(RuleFiring.task_id).where(RuleFiring.application_id.in_(self.page))
            made = select(Task).where(Task.id.in_(fired))
            self._made_tasks = {task.id: task for task in self.session.scalars(made)}
        return self._made_tasks.get(task_id) or self.session.get(Task, task_id)
