"""followups: what reminders and sent drafts need

Tasks remember the follow-up rule that made them (and for what), when their draft was sent,
and whether they still wait for a person's name; `rule_firings` keeps each rule's work after
its task is completed or deleted, so nothing is made twice. Applications gain the day an
offer must be answered by.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offer_deadline", sa.Date(), nullable=True))
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("needs_name", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("rule", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("rule_subject", sa.String(length=120), nullable=True))
    op.create_table(
        "rule_firings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_rule_firings_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.id"],
            name=op.f("fk_rule_firings_task_id_tasks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_firings")),
        sa.UniqueConstraint("rule", "subject", name="uq_rule_firing"),
    )
    with op.batch_alter_table("rule_firings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rule_firings_application_id"), ["application_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("rule_firings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_firings_application_id"))
    op.drop_table("rule_firings")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("rule_subject")
        batch_op.drop_column("rule")
        batch_op.drop_column("needs_name")
        batch_op.drop_column("sent_at")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("offer_deadline")
