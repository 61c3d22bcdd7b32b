"""Add coupons: a buyer's coupons, for the Coupons section and expiry reminders.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coupons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=True),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("min_order_minor", sa.BigInteger(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(discount_minor IS NULL) <> (percent_off IS NULL)",
            name=op.f("ck_coupons_one_kind_of_discount"),
        ),
        sa.CheckConstraint(
            "currency IS NOT NULL OR (discount_minor IS NULL AND min_order_minor = 0)",
            name=op.f("ck_coupons_money_has_currency"),
        ),
        sa.CheckConstraint(
            "discount_minor IS NULL OR discount_minor > 0",
            name=op.f("ck_coupons_discount_positive"),
        ),
        sa.CheckConstraint("min_order_minor >= 0", name=op.f("ck_coupons_min_order_not_negative")),
        sa.CheckConstraint(
            "percent_off IS NULL OR (percent_off >= 1 AND percent_off <= 100)",
            name=op.f("ck_coupons_percent_in_range"),
        ),
        sa.CheckConstraint(
            "starts_at IS NULL OR starts_at < expires_at",
            name=op.f("ck_coupons_starts_before_expiry"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_coupons_order_id_orders"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_coupons_store_id_stores"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_coupons_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupons")),
    )
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupons_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_coupons_store_id"), ["store_id"], unique=False)
        batch_op.create_index(
            "ix_coupons_user_active", ["user_id", "used_at", "expires_at"], unique=False
        )
        batch_op.create_index("ix_coupons_user_external", ["user_id", "external_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.drop_index("ix_coupons_user_external")
        batch_op.drop_index("ix_coupons_user_active")
        batch_op.drop_index(batch_op.f("ix_coupons_store_id"))
        batch_op.drop_index(batch_op.f("ix_coupons_order_id"))

    op.drop_table("coupons")
