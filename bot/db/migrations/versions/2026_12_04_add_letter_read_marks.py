"""Add dispute_messages.read_at and feedback.seller_reply_read_at: when the buyer saw a
seller's or the platform's dispute letter and a seller's reply to feedback (the message
center's unread counts).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dispute_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seller_reply_read_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_column("seller_reply_read_at")
    with op.batch_alter_table("dispute_messages", schema=None) as batch_op:
        batch_op.drop_column("read_at")
