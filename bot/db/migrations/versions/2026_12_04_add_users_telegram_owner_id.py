"""Add users.telegram_owner_id: the Telegram user whose Continue with Telegram (or first
marketplace link) made the account theirs, so that it leads back to the account after signing
out. Accounts made by Continue with Telegram before this revision get the Telegram user whose
session still says so.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("telegram_owner_id", sa.BigInteger(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_users_telegram_owner_id"), ["telegram_owner_id"]
        )
    # A Telegram user has one session, so each one names at most one account here.
    op.execute(
        "UPDATE users SET telegram_owner_id = ("
        " SELECT MIN(s.telegram_id) FROM telegram_sessions s"
        " WHERE s.user_id = users.id AND s.method = 'telegram')"
        " WHERE deleted_at IS NULL AND registered_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_telegram_owner_id"), type_="unique")
        batch_op.drop_column("telegram_owner_id")
