"""Add orders.tracking_checked_at (indexed with status), so tracking polls are spaced per order.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tracking_checked_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_orders_status_tracking_checked", ["status", "tracking_checked_at"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_status_tracking_checked")
        batch_op.drop_column("tracking_checked_at")
