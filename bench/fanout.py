"""Push fan-out through the real sender to a fake Bot API over HTTP that answers 429.

Prints, per run: the achieved send rate as a fraction of the configured one (target >= 0.95),
duplicates (target 0) and losses (target 0). The last run kills the sender process with SIGKILL
mid-way and starts a new one, which must finish the job without repeating or losing a push.

    python bench/fanout.py [--count 20000] [--rate 1000] [--slow-count 1500] [--throttle 0.02]
                           [--shards 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.app import build_bot, open_database  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.db.enums import OrderStatus  # noqa: E402
from bot.db.models import Order, OutboxMessage, Store, User  # noqa: E402
from bot.db.uow import UnitOfWork  # noqa: E402
from bot.fake_telegram import FakeBotAPI  # noqa: E402
from bot.fake_telegram.http import FakeBotAPIServer  # noqa: E402
from bot.i18n import build_i18n  # noqa: E402
from bot.notify.limiter import RateLimiter  # noqa: E402
from bot.notify.sender import OutboxSender, SenderConfig, workers_for  # noqa: E402

TOKEN = "4242:fanout-bench"
FIRST_CHAT = 50_000_000


class ThrottlingAPI(FakeBotAPI):
    """Answers a fraction of sendMessage calls with 429 and a one-second retry_after."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self._fraction = fraction
        self._rng = random.Random(5)
        self.throttled = 0
        self.sent_at: list[float] = []

    def handle(self, method_name: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method_name.lower() == "sendmessage" and self._rng.random() < self._fraction:
            self.throttled += 1
            body = {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
            return 429, body
        status, body = super().handle(method_name, params)
        if method_name.lower() == "sendmessage" and status == 200:
            self.sent_at.append(time.monotonic())
        return status, body


async def populate(url: str, count: int) -> None:
    settings = Settings(_env_file=None, database_url=url, bot_token=None)  # type: ignore[call-arg]
    database = await open_database(settings)
    now = datetime.now(UTC)
    async with database.engine.begin() as conn:
        await conn.execute(insert(Store), [{"id": 1, "name": "Store", "created_at": now}])
        await conn.execute(
            insert(User),
            [
                {
                    "id": i + 1,
                    "telegram_id": FIRST_CHAT + i,
                    "first_name": "B",
                    "language_code": "en",
                    "created_at": now,
                }
                for i in range(count)
            ],
        )
        await conn.execute(
            insert(Order),
            [
                {
                    "id": i + 1,
                    "buyer_id": i + 1,
                    "store_id": 1,
                    "number": f"9{i:015d}",
                    "status": OrderStatus.SHIPPED.value,
                    "currency": "USD",
                    "items_total_minor": 999,
                    "shipping_minor": 0,
                    "total_minor": 999,
                    "headline": "Lamp",
                    "item_count": 1,
                    "search_text": "lamp",
                    "shipping_address": {},
                    "placed_at": now,
                    "updated_at": now,
                    "shipped_at": now,
                    "protection_ends_at": now + timedelta(days=60),
                }
                for i in range(count)
            ],
        )
        await conn.execute(
            insert(OutboxMessage),
            [
                {
                    "user_id": i + 1,
                    "kind": "order_status",
                    "dedup_key": f"bench:{i}",
                    "payload": {"order_id": i + 1, "number": f"9{i:015d}", "status": "shipped"},
                    "due_at": now,
                    "created_at": now,
                    "attempts": 0,
                }
                for i in range(count)
            ],
        )
    await database.dispose()


async def worker(
    url: str, api: str, rate: float, lease: float, shard: int = 0, shards: int = 1
) -> None:
    """One sender process (one shard of `shards`, at its share of the rate): drains until
    nothing is due and nothing is leased."""
    rate = rate / shards
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        bot_token=TOKEN,
        telegram_api_url=api,
        notify_rate=rate,
        notify_paid_broadcast=rate > 30,
    )
    database = await open_database(settings, migrate=False)
    clock = SystemClock()
    bot = build_bot(settings)
    sender = OutboxSender(
        bot,
        database.session_factory,
        build_i18n("en"),
        clock,
        RateLimiter(rate, clock, asyncio.sleep),
        SenderConfig(
            "en",
            "UTC",
            paid_broadcast=rate > 30,
            lease=timedelta(seconds=lease),
            workers=workers_for(rate),
            shard=(shard, shards),
        ),
    )
    while True:
        report = await sender.drain_due()
        if report.claimed:
            continue
        async with UnitOfWork(database.session_factory) as uow:
            next_due = await uow.outbox.next_due()
        if next_due is None:
            break  # everything sent (or dropped): done
        await asyncio.sleep(min(1.0, max(0.01, (next_due - clock.now()).total_seconds())))
    await bot.session.close()
    await database.dispose()


async def run(
    count: int, rate: float, throttle: float, kill_after: float | None, shards: int = 1
) -> str:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'fanout.db'}"
        await populate(url, count)
        api = ThrottlingAPI(throttle)
        server = FakeBotAPIServer(api, TOKEN)
        base = await server.start()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}

        async def start() -> list[asyncio.subprocess.Process]:
            return [
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    __file__,
                    "--worker",
                    url,
                    base,
                    str(rate),
                    "3",
                    str(shard),
                    str(shards),
                    env=env,
                )
                for shard in range(shards)
            ]

        started = time.perf_counter()
        processes = await start()
        if kill_after is not None:
            await asyncio.sleep(kill_after)
            for process in processes:
                process.send_signal(signal.SIGKILL)
                await process.wait()
            processes = await start()
        for process in processes:
            await process.wait()
        elapsed = time.perf_counter() - started
        await server.stop()
    delivered = Counter(str(c.params["chat_id"]) for c in api.calls_of("sendMessage") if c.ok)
    duplicates = sum(n - 1 for n in delivered.values())
    losses = count - len(delivered)
    window = api.sent_at[-1] - api.sent_at[0] if len(api.sent_at) > 1 else float("inf")
    achieved = (len(api.sent_at) - 1) / window / rate
    steady = steady_rate(api.sent_at) / rate
    label = f"{count:,} pushes at {rate:g}/s, {throttle:.0%} answered 429"
    if shards > 1:
        label += f", {shards} sender processes"
    if kill_after is not None:
        label += f", SIGKILL after {kill_after:g} s"
    return (
        f"{label}: achieved {achieved:.2f} of the rate between the first and last push, "
        f"{steady:.2f} in the middle 90% of pushes (without the last retry_after wait); "
        f"duplicates {duplicates}, losses {losses}, 429s {api.throttled} "
        f"(wall {elapsed:.1f} s with process starts)"
    )


def steady_rate(times: list[float]) -> float:
    """Pushes a second between the 5th and the 95th percentile of send times: the pace
    while there was work, without start-up and the final wait for 429'd retries."""
    if len(times) < 20:
        return 0.0
    ordered = sorted(times)
    low, high = len(ordered) // 20, len(ordered) - len(ordered) // 20 - 1
    return (high - low) / (ordered[high] - ordered[low])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--slow-count", type=int, default=1_500)
    parser.add_argument("--throttle", type=float, default=0.02)
    parser.add_argument("--shards", type=int, default=1, help="sender processes at 1000/s")
    args = parser.parse_args()
    print(await run(args.slow_count, 25, args.throttle, None))
    print(await run(args.count, args.rate, args.throttle, None, args.shards))
    print(await run(args.count, args.rate, args.throttle, 15, args.shards))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        db, api_url, worker_rate, lease_seconds, shard, shards = sys.argv[2:8]
        asyncio.run(
            worker(db, api_url, float(worker_rate), float(lease_seconds), int(shard), int(shards))
        )
    else:
        asyncio.run(main())
