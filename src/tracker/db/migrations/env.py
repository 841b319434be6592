"""Alembic environment: always run from code with a connection handed in by tracker.db.migrate."""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from tracker.db.coltypes import UTCDateTime
from tracker.db.models import Base


def render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import app code that may change later: write plain types.
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only change tables by rebuilding them
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
