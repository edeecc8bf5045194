"""Alembic environment for our tables (cases and drafts). Always run through bot.storage.migrate.migrate()."""
from __future__ import annotations

from alembic import context

import bot.cases.models  # noqa: F401  (registers the case tables)
import bot.my_views.drafts  # noqa: F401  (registers the drafts table)
from bot.storage.base import Base
from bot.storage.migrate import VERSION_TABLE

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run case migrations with bot.storage.migrate.migrate(url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
