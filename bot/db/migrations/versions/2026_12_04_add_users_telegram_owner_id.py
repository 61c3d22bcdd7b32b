"""Add users.telegram_owner_id: the Telegram user whose Continue with Telegram (or first
marketplace link) made the account theirs, so that it leads back to the account after signing
out. Accounts made by Continue with Telegram before this revision get the Telegram user whose
session still says so.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No batch here: recreating `users` on SQLite drops the old table, and with foreign keys
    # on that deletes every row pointing to it (sessions, orders...). A nullable column and a
    # unique index need no recreation.
    op.add_column("users", sa.Column("telegram_owner_id", sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_users_telegram_owner_id"), "users", ["telegram_owner_id"], unique=True)
    # A Telegram user has one session, so each one names at most one account here.
    op.execute(
        "UPDATE users SET telegram_owner_id = ("
        " SELECT MIN(s.telegram_id) FROM telegram_sessions s"
        " WHERE s.user_id = users.id AND s.method = 'telegram')"
        " WHERE deleted_at IS NULL AND registered_at IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_users_telegram_owner_id"), table_name="users")
    op.drop_column("users", "telegram_owner_id")  # SQLite >= 3.35 drops it in place
