"""Alembic environment: runs on the connection handed in by `bot.db.migrate` (async-safe)."""

from __future__ import annotations

from alembic import context

config = context.config
connection = config.attributes.get("connection")
target_metadata = config.attributes.get("target_metadata")

if connection is None:
    msg = "Run migrations through `python -m bot migrate`, which provides the connection."
    raise RuntimeError(msg)

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
