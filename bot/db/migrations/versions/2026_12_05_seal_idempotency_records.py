"""Rebuild idempotency_records: a key is reserved before its request runs (status_code and
body empty until the answer is stored), rows are found by key_hash (SHA-256 of the key; the
key itself is not kept), the answer is sealed (body: AES-GCM bytes instead of JSON in clear),
and buyer_id names the buyer the request was about (deleting the user row deletes them).

Records written before this revision are dropped: they hold keys and answers (sign-in link
codes, buyers' e-mails) in clear, and the key to seal them needs API_TOKEN, which a migration
does not read. A retry across the upgrade runs again: the routes find what the first request
did (by order number, external id, carrier event id) and answer 200 or 409 instead of
doing it twice; at worst a buyer gets a second sign-in link.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index(op.f("ix_idempotency_records_created_at"), table_name="idempotency_records")
    op.drop_table("idempotency_records")
    op.create_table(
        "idempotency_records",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["users.id"],
            name=op.f("fk_idempotency_records_buyer_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_idempotency_records")),
    )
    op.create_index(op.f("ix_idempotency_records_buyer_id"), "idempotency_records", ["buyer_id"])
    op.create_index(
        op.f("ix_idempotency_records_created_at"), "idempotency_records", ["created_at"]
    )


def downgrade() -> None:
    # The sealed answers cannot be turned back into JSON in clear: the records go.
    op.drop_index(op.f("ix_idempotency_records_created_at"), table_name="idempotency_records")
    op.drop_index(op.f("ix_idempotency_records_buyer_id"), table_name="idempotency_records")
    op.drop_table("idempotency_records")
    op.create_table(
        "idempotency_records",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_idempotency_records")),
    )
    op.create_index(
        op.f("ix_idempotency_records_created_at"), "idempotency_records", ["created_at"]
    )
