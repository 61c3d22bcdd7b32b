"""Full-stack dispatch rate vs a bare aiogram dispatcher, measured in the same run.

Feeds N "open My orders" button presses through the production dispatcher (SQLite, 10,000
buyers x 20 orders by default) and the same N updates through a bare Dispatcher with one
trivial handler, both against the same in-process fake Telegram, and prints both rates and
their ratio. Target: >= 1,000 full-stack updates/s on one core. The Help screen (no order
query), a stale button (identity lookup only) and a language choice (one write) are measured
too, to show the fixed cost of an update. Telegram is a session that answers `True`, so the
fake server's checks don't count. Last, a language choice is timed while another transaction
holds the write lock across an await of `--hold-ms` (as a password re-hash would): the press
waits for the lock, but nothing else does.

    python bench/dispatch.py [--users 10000] [--orders 20] [--updates 3000] [--threaded]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Dispatcher, Router  # noqa: E402
from aiogram.types import CallbackQuery, Update  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bot.app import build_bot, build_dispatcher, open_database  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.db.enums import OrderStatus  # noqa: E402
from bot.db.models import Order, OrderItem, Store, TelegramSession, User  # noqa: E402
from bot.db.uow import UnitOfWork  # noqa: E402
from bot.fake_telegram import FakeBotAPI, FakeSession  # noqa: E402
from bot.i18n import build_i18n  # noqa: E402
from bot.keyboards.callbacks import LangCb, OrderListCb  # noqa: E402
from bot.services.orders.buyer import OrderTab  # noqa: E402

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
STATUSES = list(OrderStatus)
TELEGRAM_ID_BASE = 10_000_000
# The measured screen first; the others show what the fixed cost per update is.
SCENARIOS = (
    ("My orders (target):", OrderListCb(tab=OrderTab.ALL).pack()),
    ("Help screen:", "nav:help"),
    ("stale button:", "zzz"),
    ("Language (writes):", LangCb(locale="ru").pack()),
)


async def populate(settings: Settings, users: int, orders_per_user: int) -> None:
    """Bulk rows straight through Core: building 200,000 ORM objects would dwarf the bench."""
    database = await open_database(settings)
    rng = random.Random(7)
    async with database.engine.begin() as conn:
        await conn.execute(insert(Store), [{"id": 1, "name": "Bench Store", "created_at": NOW}])
        await conn.execute(
            insert(User),
            [
                {
                    "id": uid,
                    "telegram_id": TELEGRAM_ID_BASE + uid,
                    "first_name": f"Buyer {uid}",
                    "language_code": "en" if uid % 2 else "ru",
                    "created_at": NOW,
                    "registered_at": NOW,  # accounts, signed in from their Telegram
                }
                for uid in range(1, users + 1)
            ],
        )
        await conn.execute(
            insert(TelegramSession),
            [
                {
                    "telegram_id": TELEGRAM_ID_BASE + uid,
                    "user_id": uid,
                    "method": "telegram",
                    "signed_in_at": NOW,
                    "last_seen_at": NOW,
                }
                for uid in range(1, users + 1)
            ],
        )
        order_id = 0
        for first in range(1, users + 1, 500):
            order_rows, item_rows = [], []
            for uid in range(first, min(first + 500, users + 1)):
                for _ in range(orders_per_user):
                    order_id += 1
                    price = rng.randint(199, 9999)
                    order_rows.append(
                        {
                            "id": order_id,
                            "buyer_id": uid,
                            "store_id": 1,
                            "number": f"8{order_id:015d}",
                            "status": rng.choice(STATUSES).value,
                            "currency": "USD",
                            "items_total_minor": price,
                            "shipping_minor": 0,
                            "total_minor": price,
                            "headline": f"Product number {order_id}",
                            "item_count": 1,
                            "search_text": f"8{order_id:015d} product number {order_id}",
                            "shipping_address": {"city": "Moscow"},
                            "placed_at": NOW - timedelta(hours=order_id % 5000),
                            "updated_at": NOW,
                        }
                    )
                    item_rows.append(
                        {
                            "order_id": order_id,
                            "title": f"Product number {order_id}",
                            "unit_price_minor": price,
                            "quantity": 1,
                        }
                    )
            await conn.execute(insert(Order), order_rows)
            await conn.execute(insert(OrderItem), item_rows)
    await database.dispose()


def make_updates(
    server: FakeBotAPI, bot: object, count: int, users: int, data: str
) -> list[Update]:
    """One press per distinct buyer, on a bot message the fake server knows, so edits succeed."""
    picked = random.Random(11).sample(range(1, users + 1), count)
    updates = []
    for number, uid in enumerate(picked, start=1):
        chat_id = TELEGRAM_ID_BASE + uid
        _, body = server.handle("sendMessage", {"chat_id": chat_id, "text": "My cabinet"})
        message = body["result"]
        query_id = server.issue_callback_query()
        language = "en" if uid % 2 else "ru"
        user = {
            "id": chat_id,
            "is_bot": False,
            "first_name": f"Buyer {uid}",
            "language_code": language,
        }
        updates.append(
            Update.model_validate(
                {
                    "update_id": number,
                    "callback_query": {
                        "id": query_id,
                        "from": user,
                        "message": message,
                        "chat_instance": str(uid),
                        "data": data,
                    },
                },
                context={"bot": bot},
            )
        )
    return updates


class NullSession(FakeSession):
    """Answers every call with `True` and checks nothing: the bench measures the bot, not the
    fake server's HTML parser (tests use the strict fake)."""

    last_text: str | None = None

    async def make_request(self, bot: object, method: object, timeout: int | None = None) -> bool:  # noqa: ASYNC109
        self.last_text = getattr(method, "text", None) or self.last_text
        return True


async def rate(dispatcher: Dispatcher, bot: object, updates: list[Update]) -> float:
    await dispatcher.feed_update(bot, updates[0])  # warm caches outside the timing
    started = time.perf_counter()
    for update in updates[1:]:
        await dispatcher.feed_update(bot, update)
    return (len(updates) - 1) / (time.perf_counter() - started)


async def press_during_a_held_write(
    dispatcher: Dispatcher, bot: object, database: object, update: Update, hold: float
) -> float:
    """Seconds until `update` is handled while another transaction writes, then awaits."""
    holding = asyncio.Event()

    async def holder() -> None:
        async with UnitOfWork(database.session_factory) as uow:  # type: ignore[attr-defined]
            user = await uow.users.by_id(1)
            assert user is not None
            user.first_name = "Held"
            await uow.session.flush()
            holding.set()
            await asyncio.sleep(hold)  # e.g. a password hash in a thread
            await uow.commit()

    task = asyncio.create_task(holder())
    await holding.wait()
    started = time.perf_counter()
    await dispatcher.feed_update(bot, update)
    elapsed = time.perf_counter() - started
    await task
    return elapsed


def bare_dispatcher() -> Dispatcher:
    router = Router()

    @router.callback_query()
    async def trivial(query: CallbackQuery) -> None:
        await query.answer()

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--updates", type=int, default=3_000)
    parser.add_argument("--hold-ms", type=float, default=50.0)
    parser.add_argument("--threaded", action="store_true", help="SQLITE_THREADED=1 (aiosqlite)")
    args = parser.parse_args()
    count = min(args.updates, args.users)

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_url=url, bot_token=None, sqlite_threaded=args.threaded
        )
        started = time.perf_counter()
        await populate(settings, args.users, args.orders)
        print(
            f"populated {args.users:,} buyers x {args.orders} orders "
            f"in {time.perf_counter() - started:.1f} s"
        )

        database = await open_database(settings)
        i18n = build_i18n("en")

        full_rates = {}
        full_bot = build_bot(settings, NullSession(FakeBotAPI()))
        full = build_dispatcher(settings, database, clock=FixedClock(NOW), i18n=i18n)
        for label, data in SCENARIOS:
            updates = make_updates(FakeBotAPI(), full_bot, count, args.users, data)
            full_rates[label] = await rate(full, full_bot, updates)
            if label == SCENARIOS[0][0]:  # the signed-in buyers really got their orders
                shown = full_bot.session.last_text or ""  # type: ignore[attr-defined]
                assert shown.startswith("📋"), f"not the orders list: {shown[:80]!r}"
        full_rate = full_rates[SCENARIOS[0][0]]
        held = make_updates(FakeBotAPI(), full_bot, 2, args.users, LangCb(locale="en").pack())
        await full.feed_update(full_bot, held[0])
        held_in = await press_during_a_held_write(
            full, full_bot, database, held[1], args.hold_ms / 1000
        )

        bare_bot = build_bot(settings, NullSession(FakeBotAPI()))
        bare_updates = make_updates(FakeBotAPI(), bare_bot, count, args.users, SCENARIOS[0][1])
        bare_rate = await rate(bare_dispatcher(), bare_bot, bare_updates)

        await full_bot.session.close()
        await bare_bot.session.close()
        await database.dispose()

    driver = "aiosqlite thread (SQLITE_THREADED=1)" if args.threaded else "in the event loop"
    print(f"SQLite driver: {driver}")
    for label, value in full_rates.items():
        print(f"full stack, {label:<20} {value:8.0f} updates/s")
    print(f"bare aiogram, trivial handler:    {bare_rate:8.0f} updates/s")
    print(f"ratio My orders/bare:             {full_rate / bare_rate:8.3f}")
    print(f"target My orders >= 1000/s:       {'met' if full_rate >= 1000 else 'NOT met'}")
    print(
        f"a write press while another holds the write lock {args.hold_ms:.0f} ms: "
        f"answered in {held_in * 1000:.1f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
