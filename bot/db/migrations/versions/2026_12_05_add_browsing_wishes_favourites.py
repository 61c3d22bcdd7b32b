"""Browsing and the shopping half of the cabinet: categories; a product's category,
descriptions, photo, rating and popularity; wish lists and their items with the alerts they
follow; favourite stores; recently viewed products; coupons a store offers to take; questions
about a product before buying; a buyer's recently-viewed length and weekly-drops digest.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["categories.id"],
            name=op.f("fk_categories_parent_id_categories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("external_id", name=op.f("uq_categories_external_id")),
    )
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_categories_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "favourite_stores",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("news", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_favourite_stores_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_favourite_stores_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "store_id", name=op.f("pk_favourite_stores")),
    )
    with op.batch_alter_table("favourite_stores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_favourite_stores_store_id"), ["store_id"], unique=False
        )

    op.create_table(
        "store_coupon_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=True),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("min_order_minor", sa.BigInteger(), nullable=False),
        sa.Column("claim_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claim_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(discount_minor IS NULL) <> (percent_off IS NULL)",
            name=op.f("ck_store_coupon_offers_one_kind_of_discount"),
        ),
        sa.CheckConstraint(
            "quantity IS NULL OR taken <= quantity",
            name=op.f("ck_store_coupon_offers_never_oversold"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_store_coupon_offers_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_coupon_offers")),
        sa.UniqueConstraint(
            "store_id", "external_id", name=op.f("uq_store_coupon_offers_store_id")
        ),
    )
    op.create_table(
        "wish_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=True),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_wish_lists_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wish_lists")),
    )
    with op.batch_alter_table("wish_lists", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wish_lists_one_default",
            ["user_id"],
            unique=True,
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )
        batch_op.create_index(batch_op.f("ix_wish_lists_user_id"), ["user_id"], unique=False)

    op.create_table(
        "product_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answer_external_id", sa.String(length=128), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_questions_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_product_questions_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_product_questions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_questions")),
    )
    with op.batch_alter_table("product_questions", schema=None) as batch_op:
        batch_op.create_index("ix_product_questions_product", ["product_id"], unique=False)
        batch_op.create_index(
            "ix_product_questions_user_time", ["user_id", "asked_at"], unique=False
        )

    op.create_table(
        "recently_viewed",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_recently_viewed_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recently_viewed_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "product_id", name=op.f("pk_recently_viewed")),
    )
    with op.batch_alter_table("recently_viewed", schema=None) as batch_op:
        batch_op.create_index(
            "ix_recently_viewed_user_time", ["user_id", "viewed_at"], unique=False
        )

    op.create_table(
        "wish_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_price_minor", sa.BigInteger(), nullable=True),
        sa.Column("added_currency", sa.String(length=3), nullable=True),
        sa.Column("target_price_minor", sa.BigInteger(), nullable=True),
        sa.Column("target_currency", sa.String(length=3), nullable=True),
        sa.Column("drop_percent", sa.Integer(), nullable=True),
        sa.Column("back_in_stock", sa.Boolean(), nullable=False),
        sa.Column("price_alerted", sa.Boolean(), nullable=False),
        sa.Column("stock_alerted", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "drop_percent IS NULL OR (drop_percent >= 1 AND drop_percent <= 99)",
            name=op.f("ck_wish_items_drop_in_range"),
        ),
        sa.CheckConstraint(
            "target_price_minor IS NULL OR target_price_minor > 0",
            name=op.f("ck_wish_items_target_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["wish_lists.id"],
            name=op.f("fk_wish_items_list_id_wish_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_wish_items_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_wish_items_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wish_items")),
        sa.UniqueConstraint("list_id", "product_id", name=op.f("uq_wish_items_list_id")),
    )
    with op.batch_alter_table("wish_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wish_items_product_id"), ["product_id"], unique=False)
        batch_op.create_index("ix_wish_items_user_added", ["user_id", "added_at"], unique=False)

    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("descriptions", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(sa.Column("photo_url", sa.String(length=2048), nullable=True))
        batch_op.add_column(sa.Column("rating_average", sa.Double(), nullable=True))
        batch_op.add_column(
            sa.Column("rating_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("orders_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_products_category_id"), ["category_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_products_category_id_categories"),
            "categories",
            ["category_id"],
            ["id"],
            ondelete="SET NULL",
        )

    # No batch for `users` (see 0015): plain columns need no table rebuild.
    op.add_column("users", sa.Column("recent_limit", sa.Integer(), nullable=True))
    op.add_column(
        "users", sa.Column("weekly_drops", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.drop_column("users", "weekly_drops")  # SQLite >= 3.35 drops them in place
    op.drop_column("users", "recent_limit")

    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_products_category_id_categories"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_products_category_id"))
        batch_op.drop_column("orders_count")
        batch_op.drop_column("rating_count")
        batch_op.drop_column("rating_average")
        batch_op.drop_column("photo_url")
        batch_op.drop_column("descriptions")
        batch_op.drop_column("category_id")

    with op.batch_alter_table("wish_items", schema=None) as batch_op:
        batch_op.drop_index("ix_wish_items_user_added")
        batch_op.drop_index(batch_op.f("ix_wish_items_product_id"))

    op.drop_table("wish_items")
    with op.batch_alter_table("recently_viewed", schema=None) as batch_op:
        batch_op.drop_index("ix_recently_viewed_user_time")

    op.drop_table("recently_viewed")
    with op.batch_alter_table("product_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_product_questions_user_time")
        batch_op.drop_index("ix_product_questions_product")

    op.drop_table("product_questions")
    with op.batch_alter_table("wish_lists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wish_lists_user_id"))
        batch_op.drop_index(
            "ix_wish_lists_one_default",
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )

    op.drop_table("wish_lists")
    op.drop_table("store_coupon_offers")
    with op.batch_alter_table("favourite_stores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_favourite_stores_store_id"))

    op.drop_table("favourite_stores")
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_categories_parent_id"))

    op.drop_table("categories")
