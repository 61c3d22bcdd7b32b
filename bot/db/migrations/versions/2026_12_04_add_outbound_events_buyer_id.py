"""Add outbound_events.buyer_id: whose data an event carries, so deleting the account finds
its events (also anonymous complaints, whose payload does not name the buyer). Events written
before this revision get it from their payload, or from the complaint they report.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


_events = sa.table(
    "outbound_events",
    sa.column("buyer_id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("payload", sa.JSON()),
)
_complaints = sa.table(
    "complaints", sa.column("id", sa.Integer()), sa.column("user_id", sa.Integer())
)


def upgrade() -> None:
    with op.batch_alter_table("outbound_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("buyer_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbound_events_buyer_id"), ["buyer_id"])
    payload = _events.c.payload
    op.execute(_events.update().values(buyer_id=payload["buyer_id"].as_integer()))
    # An anonymous complaint's event does not name the buyer; the complaint does.
    complainant = (
        sa.select(_complaints.c.user_id)
        .where(_complaints.c.id == payload["complaint_id"].as_integer())
        .scalar_subquery()
    )
    op.execute(
        _events.update()
        .where(_events.c.buyer_id.is_(None), _events.c.kind == "complaint.filed")
        .values(buyer_id=complainant)
    )


def downgrade() -> None:
    with op.batch_alter_table("outbound_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbound_events_buyer_id"))
        batch_op.drop_column("buyer_id")
