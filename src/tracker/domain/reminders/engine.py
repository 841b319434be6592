"""Running the follow-up rules: make the tasks that came due, close the ones now pointless.

run_rules(store, now) is one transaction and safe to run any number of times. Each task a
rule makes remembers its rule and subject (Task.rule, Task.rule_subject) and leaves a
RuleFiring that outlives it, so re-running, editing an interview, or completing or deleting
the task never brings it back. Subjects:

- applied_no_reply  app:<id>:applied:<stage change id>:<n>  (the n-th follow-up)
- silence           app:<id>:applied:<stage change id>:silence, or app:<id>:interview:<id>
- thank_you         interview:<id>:contact:<id>
- prepare           interview:<id>
- offer_decision    app:<id>:offer

A follow-up the person marks "they replied" leaves a firing of the rule "replied" for its
chain (app:<id>:applied:<stage change id>), which stops the chain. `now` is an aware time;
days are the local days of this computer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select
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
from tracker.domain.changes import Written
from tracker.domain.drafts.business_days import add_business_days
from tracker.domain.drafts.templates import render, render_draft
from tracker.domain.reminders import rules as r
from tracker.domain.reminders.context import (
    addressee_values,
    prepare_values,
    recipient,
    topics_of,
)
from tracker.domain.reminders.prefs import rules_for
from tracker.domain.settings import get_signer_name
from tracker.domain.store import Store, written

REPLIED = "replied"  # a firing that stops a follow-up chain
THANK_YOU_WINDOW = timedelta(days=14)  # a thank-you this late is not planned any more
CATCH_UP = timedelta(days=60)  # how far back the rules look for something owed
WAITING = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)  # stages that can go quiet


@dataclass(frozen=True)
class RunReport:
    """What one run did: the tasks it made and the open rule tasks it closed."""

    created: tuple[int, ...] = ()
    closed: tuple[int, ...] = ()


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def run_rules(
    store: Store,
    now: datetime,
    rules: r.RuleSet | None = None,
    override_dir: Path | None = None,
) -> Written[RunReport]:
    """Make every task a switched-on rule owes by *now*; close rule tasks a stage change made
    pointless. *rules* defaults to the shipped file with the person's settings; drafts use
    the person's edited templates in *override_dir* when there are any."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware time")
    rules = rules or rules_for(store)
    user = get_signer_name(store)
    with store.transaction() as session:
        run = _Run(session, rules, now, user, override_dir)
        run.close_pointless()
        run.make_due()
        return written(session, RunReport(tuple(run.created), tuple(run.closed)))


class _Run:
    def __init__(
        self,
        session: Session,
        rules: r.RuleSet,
        now: datetime,
        user: str,
        override_dir: Path | None,
    ) -> None:
        self.session = session
        self.override_dir = override_dir
        self.rules = rules
        self.now = now
        self.today = local_day(now)
        self.user = user
        self.created: list[int] = []
        self.closed: list[int] = []
        self._made_tasks: dict[int, Task] | None = None
        self.fired: dict[tuple[str, str], int | None] = {
            (rule, subject): task_id
            for rule, subject, task_id in session.execute(
                select(RuleFiring.rule, RuleFiring.subject, RuleFiring.task_id)
            )
        }

    # -- closing ------------------------------------------------------------------------

    def close_pointless(self) -> None:
        query = (
            select(Task, Application)
            .join(Application, Task.application_id == Application.id)
            .where(Task.done.is_(False), Task.rule.is_not(None))
            .order_by(Task.id)
        )
        by_app: dict[int, tuple[Application, list[Task]]] = {}
        for task, application in self.session.execute(query):
            if _pointless(task, application):
                by_app.setdefault(application.id, (application, []))[1].append(task)
        for application, tasks in by_app.values():
            for task in tasks:
                task.done = True
                task.done_at = self.now
                self.closed.append(task.id)
            titles = "; ".join(f"“{task.title}”" for task in tasks)
            line = f"Reminders closed by the move to {application.stage.label}: {titles}"
            if application.stage_changes:
                change = application.stage_changes[-1]
                change.note = f"{change.note}\n{line}" if change.note else line

    # -- making -------------------------------------------------------------------------

    def make_due(self) -> None:
        # Only applications something happened to lately, or with an interview near: the
        # rules' longest wait is weeks, so an application quiet for months owes no reminder,
        # and a search of any size is checked in a moment (this runs after every write).
        since = self.now - CATCH_UP
        near = select(Interview.application_id).where(Interview.starts_at >= since)
        query = (
            select(Application)
            .where(
                Application.archived.is_(False),
                Application.stage.in_([*WAITING, Stage.OFFER]),
                or_(
                    Application.updated_at >= since,
                    Application.stage == Stage.OFFER,
                    Application.id.in_(near),
                ),
            )
            .options(
                selectinload(Application.company),
                selectinload(Application.stage_changes),
                selectinload(Application.contacts).selectinload(ApplicationContact.contact),
                selectinload(Application.interviews)
                .selectinload(Interview.participants)
                .selectinload(InterviewParticipant.contact),
            )
            .order_by(Application.id)
            # A page of applications at a time: memory stays flat whatever the search's size.
            .execution_options(yield_per=500)
        )
        for application in self.session.scalars(query):
            self._follow_ups(application)
            self._interviews(application)
            self._offer(application)

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
        self.session.add(task)
        self.session.flush()
        self.session.add(
            RuleFiring(
                rule=rule.id,
                subject=subject,
                application_id=application.id,
                task_id=task.id,
                fired_at=self.now,
            )
        )
        self.fired[(rule.id, subject)] = task.id
        self.created.append(task.id)

    def _task(self, task_id: int | None) -> Task | None:
        if task_id is None:
            return None
        if self._made_tasks is None:  # every task a rule made, read once (not one by one)
            made = select(Task).where(Task.id.in_(select(RuleFiring.task_id)))
            self._made_tasks = {task.id: task for task in self.session.scalars(made)}
        return self._made_tasks.get(task_id) or self.session.get(Task, task_id)


def _pointless(task: Task, application: Application) -> bool:
    """A closed application needs none of its reminders; a follow-up or offer task outlives
    the stage it was for."""
    if application.stage.is_closed:
        return True
    if task.rule == r.APPLIED_NO_REPLY:
        return application.stage is not Stage.APPLIED
    if task.rule == r.OFFER_DECISION:
        return application.stage is not Stage.OFFER
    return False
