"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("name", name=op.f("uq_companies_name")),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("posting_url", sa.String(length=2000), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column(
            "remote_mode",
            sa.Enum(
                "onsite",
                "hybrid",
                "remote",
                name="remote_mode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("salary_min", sa.Integer(), nullable=True),
        sa.Column("salary_max", sa.Integer(), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "wishlist",
                "applied",
                "screening",
                "interviewing",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="stage",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("job_description", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("priority BETWEEN 0 AND 5", name=op.f("ck_applications_priority_range")),
        sa.CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name=op.f("ck_applications_salary_range"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_applications_company_id_companies"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applications_board", ["archived", "stage", "priority", "updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_applications_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index("ix_applications_updated_at", ["updated_at"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("profile_url", sa.String(length=2000), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("in_network", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_contacts_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_name"), ["name"], unique=False)

    op.create_table(
        "application_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "recruiter",
                "hiring_manager",
                "decision_maker",
                "interviewer",
                "referrer",
                name="contact_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_contacts_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_application_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_contacts")),
        sa.UniqueConstraint("application_id", "contact_id", "role", name="uq_application_contact"),
    )
    with op.batch_alter_table("application_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_contacts_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "phone_screen",
                "technical",
                "behavioural",
                "panel",
                "onsite",
                "final",
                "other",
                name="interview_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=2000), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("self_assessment", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0", name=op.f("ck_interviews_duration")
        ),
        sa.CheckConstraint(
            "self_assessment IS NULL OR self_assessment BETWEEN 1 AND 5",
            name=op.f("ck_interviews_self_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_interviews_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interviews_application_starts", ["application_id", "starts_at"], unique=False
        )

    op.create_table(
        "rejection_debriefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column(
            "path",
            sa.Enum(
                "fight",
                "flight",
                name="debrief_path",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("answers", sa.Text(), nullable=True),
        sa.Column("went_well", sa.Text(), nullable=True),
        sa.Column("do_differently", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_rejection_debriefs_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejection_debriefs")),
    )
    with op.batch_alter_table("rejection_debriefs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rejection_debriefs_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_stage",
            sa.Enum(
                "wishlist",
                "applied",
                "screening",
                "interviewing",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="from_stage",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "wishlist",
                "applied",
                "screening",
                "interviewing",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="to_stage",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_stage_changes_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_changes_application_when", ["application_id", "changed_at"], unique=False
        )

    op.create_table(
        "interview_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=True),
        sa.Column(
            "connection",
            sa.Enum(
                "strong",
                "okay",
                "weak",
                name="connection",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interview_participants_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_interview_participants_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_participants")),
        sa.UniqueConstraint("interview_id", "contact_id", name="uq_interview_participant"),
    )
    with op.batch_alter_table("interview_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_participants_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "todo",
                "follow_up",
                "thank_you",
                "feedback_request",
                "letter",
                "meeting_request",
                "referral",
                "reflection",
                "prep",
                name="task_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("draft_subject", sa.String(length=300), nullable=True),
        sa.Column("draft_body", sa.Text(), nullable=True),
        sa.Column(
            "origin",
            sa.Enum(
                "user",
                "playbook",
                "rule",
                name="task_origin",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_tasks_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_tasks_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_tasks_interview_id_interviews"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_application", ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_tasks_done_due", ["done", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_interview_id"), ["interview_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_interview_id"))
        batch_op.drop_index("ix_tasks_done_due")
        batch_op.drop_index(batch_op.f("ix_tasks_contact_id"))
        batch_op.drop_index("ix_tasks_application")

    op.drop_table("tasks")
    with op.batch_alter_table("interview_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_participants_contact_id"))

    op.drop_table("interview_participants")
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_changes_application_when")

    op.drop_table("stage_changes")
    with op.batch_alter_table("rejection_debriefs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rejection_debriefs_application_id"))

    op.drop_table("rejection_debriefs")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index("ix_interviews_application_starts")

    op.drop_table("interviews")
    with op.batch_alter_table("application_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_contacts_contact_id"))

    op.drop_table("application_contacts")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_name"))
        batch_op.drop_index(batch_op.f("ix_contacts_company_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_updated_at")
        batch_op.drop_index(batch_op.f("ix_applications_company_id"))
        batch_op.drop_index("ix_applications_board")

    op.drop_table("applications")
    op.drop_table("companies")
