"""The tables of a job search, as SQLAlchemy 2 typed models.

Children of an application are removed by the database itself (ON DELETE CASCADE), so
nothing is left behind whichever way a row is deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.db.coltypes import UTCDateTime, utcnow
from tracker.db.enums import (
    Connection,
    ContactRole,
    DebriefPath,
    InterviewKind,
    RemoteMode,
    Stage,
    TaskKind,
    TaskOrigin,
)

# Named constraints let Alembic's batch mode find and rebuild them on SQLite.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def enum_column(enum: type[StrEnum], name: str) -> Enum:
    """Store an enum as its value, with a CHECK constraint on every database."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)

    applications: Mapped[list[Application]] = relationship(back_populates="company")


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range",
        ),
        CheckConstraint("priority BETWEEN 0 AND 5", name="priority_range"),
        # The board reads each column in its order a page at a time.
        Index("ix_applications_board", "archived", "stage", "priority", "updated_at"),
        Index("ix_applications_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every update; a form saved over a newer version is refused (no lost update).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own dict
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(200))
    posting_url: Mapped[str | None] = mapped_column(String(2000))
    location: Mapped[str | None] = mapped_column(String(200))
    remote_mode: Mapped[RemoteMode | None] = mapped_column(enum_column(RemoteMode, "remote_mode"))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    source: Mapped[str | None] = mapped_column(String(200))
    stage: Mapped[Stage] = mapped_column(enum_column(Stage, "stage"), default=Stage.WISHLIST)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    found_on: Mapped[date | None] = mapped_column(Date)
    applied_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    job_description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Company, role, location and notes, case-folded: search is one plain LIKE, for any
    # alphabet, on every database (SQLite's own case folding stops at ASCII).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # When the current stage was reached (the latest StageChange), kept by the stage rule so
    # the board shows "days in stage" without reading the history.
    stage_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The day an offer must be answered by; the offer rule plans the decision before it.
    offer_deadline: Mapped[date | None] = mapped_column(Date)

    company: Mapped[Company] = relationship(back_populates="applications")
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="StageChange.changed_at",
    )
    contacts: Mapped[list[ApplicationContact]] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Interview.starts_at",
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )
    debriefs: Mapped[list[RejectionDebrief]] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )


class StageChange(Base):
    """Append-only history of an application's stage."""

    __tablename__ = "stage_changes"
    __table_args__ = (
        # Each application's history in time order; the stage rides along so a pass over
        # every application's history (the Insights funnel) reads the index alone.
        Index("ix_stage_changes_application_when", "application_id", "changed_at", "to_stage"),
        # The rows of one stage or a few (replies, rejections, ghosted) without the rest.
        Index(
            "ix_stage_changes_stage",
            "to_stage",
            "application_id",
            "changed_at",
            "from_stage",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage, "from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage, "to_stage"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="stage_changes")


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every update; a form saved over a newer version is refused (no lost update).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own dict
    name: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(50))
    profile_url: Mapped[str | None] = mapped_column(String(2000))
    notes: Mapped[str | None] = mapped_column(Text)
    in_network: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    company: Mapped[Company | None] = relationship()
    roles: Mapped[list[ApplicationContact]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )


class ApplicationContact(Base):
    """The part one contact plays on one application."""

    __tablename__ = "application_contacts"
    __table_args__ = (
        UniqueConstraint("application_id", "contact_id", "role", name="uq_application_contact"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ContactRole] = mapped_column(enum_column(ContactRole, "contact_role"))

    application: Mapped[Application] = relationship(back_populates="contacts")
    contact: Mapped[Contact] = relationship(back_populates="roles")


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
        CheckConstraint(
            "self_assessment IS NULL OR self_assessment BETWEEN 1 AND 5", name="self_assessment"
        ),
        Index("ix_interviews_application_starts", "application_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every update; a form saved over a newer version is refused (no lost update).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own dict
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[InterviewKind] = mapped_column(
        enum_column(InterviewKind, "interview_kind"), default=InterviewKind.OTHER
    )
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(2000))
    notes: Mapped[str | None] = mapped_column(Text)
    self_assessment: Mapped[int | None] = mapped_column(Integer)

    application: Mapped[Application] = relationship(back_populates="interviews")
    participants: Mapped[list[InterviewParticipant]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", passive_deletes=True
    )


class InterviewParticipant(Base):
    """One person in one interview: what was discussed with them and how it felt."""

    __tablename__ = "interview_participants"
    __table_args__ = (
        UniqueConstraint("interview_id", "contact_id", name="uq_interview_participant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    topics: Mapped[str | None] = mapped_column(Text)
    connection: Mapped[Connection | None] = mapped_column(enum_column(Connection, "connection"))

    interview: Mapped[Interview] = relationship(back_populates="participants")
    contact: Mapped[Contact] = relationship()


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_done_due", "done", "due_on"),
        # Covers the board's next-task query (filter, order and title): no table reads.
        Index("ix_tasks_application", "application_id", "done", "due_on", "id", "title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every update; a form saved over a newer version is refused (no lost update).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own dict
    kind: Mapped[TaskKind] = mapped_column(
        enum_column(TaskKind, "task_kind"), default=TaskKind.TODO
    )
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    draft_subject: Mapped[str | None] = mapped_column(String(300))
    draft_body: Mapped[str | None] = mapped_column(Text)
    # When the draft went out; a sent draft is kept as it was sent.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The title or draft still holds a [placeholder] for a person nobody has named yet.
    needs_name: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The local day the person was told the task fell due (one notification per due task).
    notified_on: Mapped[date | None] = mapped_column(Date)
    # For tasks a follow-up rule made: which rule, and for what (e.g. "interview:3:contact:5").
    rule: Mapped[str | None] = mapped_column(String(40))
    rule_subject: Mapped[str | None] = mapped_column(String(120))
    origin: Mapped[TaskOrigin] = mapped_column(
        enum_column(TaskOrigin, "task_origin"), default=TaskOrigin.USER
    )
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE")
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application | None] = relationship(back_populates="tasks")
    contact: Mapped[Contact | None] = relationship()
    interview: Mapped[Interview | None] = relationship()


class RejectionDebrief(Base):
    __tablename__ = "rejection_debriefs"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[DebriefPath] = mapped_column(enum_column(DebriefPath, "debrief_path"))
    answers: Mapped[str | None] = mapped_column(Text)  # JSON of the panel's questions
    went_well: Mapped[str | None] = mapped_column(Text)
    do_differently: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="debriefs")


class Setting(Base):
    """One of the person's own settings, kept with their data (see tracker.domain.settings).

    Settings of one machine, such as window sizes, stay in QSettings instead.
    """

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RuleFiring(Base):
    """A follow-up rule that has made its task for one subject, kept after the task is gone,
    so a task the person completed or deleted is never made again."""

    __tablename__ = "rule_firings"
    __table_args__ = (UniqueConstraint("rule", "subject", name="uq_rule_firing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    fired_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
