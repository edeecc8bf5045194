"""Alembic environment for the case tables. Always run through bot.cases.migrate.migrate()."""
from __future__ import annotations

from alembic import context

from bot.cases.migrate import VERSION_TABLE
from bot.cases.models import Base

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run case migrations with bot.cases.migrate.migrate(url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
