"""Migrations: they build the schema on SQLite and PostgreSQL, walk down and up again, and
leave no drift between the models and the migrated database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, String, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import build_engine
from bot.db.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    downgrade,
    migrating,
    upgrade,
)
from bot.db.models import Base
from tests.conftest import PG_URL, _empty_postgres

TABLES = {
    "users",
    "stores",
    "products",
    "orders",
    "order_items",
    "tracking_events",
    "product_prices",
    "order_messages",
    "link_codes",
    "outbox",
    "outbound_events",
    "idempotency_records",
    "notification_preferences",
    "deadlines",
    "exchange_rates",
    "coupons",
    "telegram_sessions",
    "email_codes",
    "sign_in_failures",
    "budgets",
    "addresses",
    "app_secrets",
    "disputes",
    "dispute_messages",
    "dispute_attachments",
    "feedback",
    "feedback_photos",
    "notices",
    "blocked_stores",
    "complaints",
    "categories",
    "wish_lists",
    "wish_items",
    "favourite_stores",
    "recently_viewed",
    "store_coupon_offers",
    "product_questions",
}


def _targets() -> list[str]:
    return ["sqlite", "postgres"] if PG_URL else ["sqlite"]


@pytest.fixture(params=_targets())
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncEngine:
    if request.param == "sqlite":
        built = build_engine(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    else:
        request.getfixturevalue("postgres_migrated")
        built = build_engine(PG_URL)
        # Rows other tests of this worker left would stop a downgrade that tightens a column
        # (0015 needs every buyer to have a Telegram owner); the migration tests seed their own.
        async with built.begin() as conn:
            await _empty_postgres(conn)
        await downgrade(built, "base")
    yield built
    if request.param == "postgres":
        await upgrade(built)  # leave the shared test database at head for other tests
    await built.dispose()


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names()) - {"alembic_version"}


def _heads() -> list[str]:
    with_connection = alembic_config(None)  # type: ignore[arg-type]
    return list(ScriptDirectory.from_config(with_connection).get_heads())


async def test_upgrade_builds_every_table_and_records_the_head(engine: AsyncEngine) -> None:
    await upgrade(engine)
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) == TABLES
    assert [await current_revision(engine)] == _heads()


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


async def test_every_revision_walks_down_and_up_again(engine: AsyncEngine) -> None:
    for revision in _revisions_oldest_first():
        await upgrade(engine, revision)
        await downgrade(engine, "-1")
        await upgrade(engine, revision)
        assert await current_revision(engine) == revision
    await downgrade(engine, "base")
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) == set()
    await upgrade(engine)
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) == TABLES


async def test_models_and_migrations_do_not_drift(engine: AsyncEngine) -> None:
    await upgrade(engine)

    def diff(conn: Connection) -> list[object]:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []


def _columns(table: str) -> Callable[[Connection], set[str]]:
    return lambda conn: {column["name"] for column in inspect(conn).get_columns(table)}


async def test_0012_adds_the_photo_of_an_order_message_and_takes_it_back(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine)
    async with engine.connect() as conn:
        assert "photo_file_id" in await conn.run_sync(_columns("order_messages"))
    await downgrade(engine, "0011")
    async with engine.connect() as conn:
        assert "photo_file_id" not in await conn.run_sync(_columns("order_messages"))
    await upgrade(engine)


def test_migrations_never_import_application_code() -> None:
    for path in MIGRATIONS_DIR.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import bot" not in source and "from bot" not in source, path


def test_there_is_a_single_head() -> None:
    assert len(_heads()) == 1


async def test_0015_gives_accounts_made_by_telegram_their_owner_and_takes_it_back(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine, "0014")
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    async with engine.begin() as conn:
        for user_id, registered in ((1, at), (2, at), (3, None)):
            await conn.execute(
                text(
                    "INSERT INTO users (id, telegram_id, first_name, daily_digest, created_at,"
                    " registered_at) VALUES (:id, :tg, '', false, :at, :registered)"
                ),
                {"id": user_id, "tg": 100 + user_id, "at": at, "registered": registered},
            )
        for telegram_id, user_id, method in (
            (101, 1, "telegram"),
            (102, 2, "password"),
            (103, 3, "guest"),
        ):
            await conn.execute(
                text(
                    "INSERT INTO telegram_sessions (telegram_id, user_id, method, signed_in_at,"
                    " last_seen_at) VALUES (:tg, :user, :method, :at, :at)"
                ),
                {"tg": telegram_id, "user": user_id, "method": method, "at": at},
            )

    await upgrade(engine, "0015")

    async with engine.connect() as conn:
        owners = await conn.execute(text("SELECT id, telegram_owner_id FROM users ORDER BY id"))
        assert list(owners) == [(1, 101), (2, None), (3, None)]  # only Continue with Telegram
    await downgrade(engine, "0014")
    async with engine.connect() as conn:
        assert "telegram_owner_id" not in await conn.run_sync(_columns("users"))
        # `users` was never rebuilt, so nothing pointing to it was deleted on the way
        sessions = await conn.execute(text("SELECT count(*) FROM telegram_sessions"))
        assert sessions.scalar() == 3
    await downgrade(engine, "base")
    await upgrade(engine)


async def test_a_batch_migration_that_rebuilds_users_keeps_every_row_pointing_to_it(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine)
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO users (id, telegram_id, first_name, daily_digest, created_at)"
                " VALUES (1, 101, '', false, :at)"
            ),
            {"at": at},
        )
        await conn.execute(
            text("INSERT INTO telegram_sessions VALUES (101, 1, 'guest', :at, :at)"), {"at": at}
        )

    def rebuild_users(sync: Connection) -> None:  # as a batch migration on SQLite does
        operations = Operations(MigrationContext.configure(sync))
        rebuild = "always" if sync.dialect.name == "sqlite" else "auto"
        with operations.batch_alter_table("users", recreate=rebuild) as batch:
            batch.alter_column("first_name", existing_type=String(128), nullable=False)

    async with migrating(engine) as conn:
        await conn.run_sync(rebuild_users)

    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM telegram_sessions"))).scalar() == 1
        if conn.dialect.name == "sqlite":  # and they are on again for the application
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1


async def test_0017_tells_whose_data_each_outbound_event_carries(engine: AsyncEngine) -> None:
    await upgrade(engine, "0016")
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO users (id, telegram_id, first_name, daily_digest, created_at)"
                " VALUES (7, 107, '', false, :at)"
            ),
            {"at": at},
        )
        await conn.execute(
            text(
                "INSERT INTO complaints (id, user_id, target, target_id, reason, text, anonymous,"
                " status, created_at, updated_at)"
                " VALUES (3, 7, 'store', 1, 'spam', '', true, 'submitted', :at, :at)"
            ),
            {"at": at},
        )
        for event_id, kind, payload in (
            (1, "order.message_sent", '{"buyer_id": 7, "text": "hi"}'),
            (2, "complaint.filed", '{"complaint_id": 3, "anonymous": true}'),
            (3, "order.deleted", '{"order_number": "81"}'),
        ):
            await conn.execute(
                text(
                    "INSERT INTO outbound_events (id, kind, payload, created_at,"
                    " next_attempt_at, attempts) VALUES (:id, :kind, :payload, :at, :at, 0)"
                ),
                {"id": event_id, "kind": kind, "payload": payload, "at": at},
            )

    await upgrade(engine, "0017")

    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT id, buyer_id FROM outbound_events ORDER BY id"))
        assert list(rows) == [(1, 7), (2, 7), (3, None)]  # the anonymous complaint's too
    await downgrade(engine, "-1")
    async with engine.connect() as conn:
        assert "buyer_id" not in await conn.run_sync(_columns("outbound_events"))
    await downgrade(engine, "base")
    await upgrade(engine)


async def test_0018_keeps_no_idempotency_key_or_answer_in_clear(engine: AsyncEngine) -> None:
    await upgrade(engine, "0017")
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO idempotency_records VALUES"
                " ('k-1', 'h', 201, '{\"body\": {\"email\": \"anna@example.com\"}}', :at)"
            ),
            {"at": at},
        )

    await upgrade(engine, "0018")

    async with engine.connect() as conn:
        columns = await conn.run_sync(_columns("idempotency_records"))
        assert {"key_hash", "buyer_id"} <= columns and "key" not in columns
        records = await conn.execute(text("SELECT count(*) FROM idempotency_records"))
        assert records.scalar() == 0  # the answers in clear are gone
    await downgrade(engine, "-1")
    async with engine.connect() as conn:
        assert "key" in await conn.run_sync(_columns("idempotency_records"))
    await downgrade(engine, "base")
    await upgrade(engine)
