"""The sender at broadcast rates: several workers, batch after batch, one shared limiter —
still nothing lost, nothing twice, each chat's pushes in order and a second apart."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.db.models import Order, OutboxMessage, User
from bot.notify.limiter import RateLimiter
from bot.notify.sender import OutboxSender, SenderConfig, workers_for
from bot.services.orders import sync as order_sync
from bot.services.orders.sync import TrackingSpec
from tests.conftest import BotHarness
from tests.notify.test_sender import FakeSleep, _shipped_order


class RecordingSleep:
    """Returns at once and remembers when each caller would have woken up."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.wakes: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.wakes.append(self.clock.now().timestamp() + seconds)


def broadcast_sender(harness: BotHarness, rate: float) -> OutboxSender:
    return OutboxSender(
        harness.bot,
        harness.database.session_factory,
        harness.dispatcher["i18n"],
        harness.clock,
        RateLimiter(rate, harness.clock, FakeSleep(harness.clock)),
        SenderConfig("en", "UTC", paid_broadcast=True, workers=workers_for(rate)),
    )


async def test_concurrent_callers_share_the_rate_without_overshooting() -> None:
    clock = FixedClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    sleep = RecordingSleep(clock)
    limiter = RateLimiter(10, clock, sleep)
    start = clock.now().timestamp()

    for chat in range(30):  # 30 callers at the same instant, none of them waiting
        await limiter.wait(chat)

    # The first ten (a full bucket) go at once, the other twenty every tenth of a second.
    assert [round(wake - start, 4) for wake in sleep.wakes] == [
        round(0.1 * step, 4) for step in range(1, 21)
    ]


async def test_a_429_empties_the_bucket_and_holds_only_that_chat() -> None:
    clock = FixedClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    sleep = RecordingSleep(clock)
    limiter = RateLimiter(10, clock, sleep)
    start = clock.now().timestamp()

    limiter.throttled(1, 5)
    await limiter.wait(2)  # another chat: waits for one fresh token, not for the five seconds
    assert limiter.chat_free_in(1) == pytest.approx(5)
    assert sleep.wakes == [pytest.approx(start + 0.1)]


async def test_thousands_a_second_lose_nothing_and_repeat_nothing(harness: BotHarness) -> None:
    for telegram_id in range(5000, 5060):
        await _shipped_order(harness, telegram_id=telegram_id)
    for telegram_id in (5000, 5001):  # two chats with two scans each
        await order_sync.add_tracking_events(
            harness.uow(),
            (await _order_number(harness, telegram_id)),
            [
                TrackingSpec(f"{telegram_id}-a", harness.clock.now(), "", location="Hub A"),
                TrackingSpec(f"{telegram_id}-b", harness.clock.now(), "", location="Hub B"),
            ],
            harness.clock.now(),
        )
    harness.server.fail_next("sendMessage", 429, retry_after=1)
    sender = broadcast_sender(harness, rate=1000)

    report = await sender.drain_due(batch=7)  # many small batches, 16 workers
    harness.clock.advance(timedelta(seconds=2))
    report.add(await sender.drain_due(batch=7))

    calls = [c for c in harness.server.calls_of("sendMessage") if c.ok]
    per_chat = Counter(str(c.params["chat_id"]) for c in calls)
    assert len(per_chat) == 60 and per_chat["5000"] == per_chat["5001"] == 3
    assert sum(per_chat.values()) == 64 == report.sent
    assert all(c.params.get("allow_paid_broadcast") for c in calls)
    async with harness.uow() as uow:
        unsent = select(func.count()).where(OutboxMessage.sent_at.is_(None))
        assert await uow.session.scalar(unsent) == 0


async def test_a_chats_pushes_keep_their_order_across_workers(harness: BotHarness) -> None:
    _, order = await _shipped_order(harness, telegram_id=6000)
    for index in range(4):
        await order_sync.add_tracking_events(
            harness.uow(),
            order.number,
            [TrackingSpec(f"scan-{index}", harness.clock.now(), "", location=f"Hub {index}")],
            harness.clock.now(),
        )
    for telegram_id in range(6001, 6020):
        await _shipped_order(harness, telegram_id=telegram_id)

    assert (await broadcast_sender(harness, rate=1000).drain_due(batch=3)).sent == 24

    texts = [
        c.params["text"]
        for c in harness.server.calls_of("sendMessage")
        if str(c.params["chat_id"]) == "6000"
    ]
    assert "Shipped" in texts[0]
    assert [next(f"Hub {i}" for i in range(4) if f"Hub {i}" in t) for t in texts[1:]] == [
        "Hub 0",
        "Hub 1",
        "Hub 2",
        "Hub 3",
    ]


async def _order_number(harness: BotHarness, telegram_id: int) -> str:
    async with harness.uow() as uow:
        query = select(Order.number).join(User).where(User.telegram_id == telegram_id)
        return (await uow.session.scalars(query)).one()


async def test_pushes_whose_lease_ran_out_while_waiting_are_left_not_sent_twice(
    harness: BotHarness,
) -> None:
    _, order = await _shipped_order(harness, telegram_id=7000)
    for index in range(7):  # eight pushes to one chat: at one a second, longer than the lease
        await order_sync.add_tracking_events(
            harness.uow(),
            order.number,
            [TrackingSpec(f"scan-{index}", harness.clock.now(), "", location=f"Hub {index}")],
            harness.clock.now(),
        )
    sender = OutboxSender(
        harness.bot,
        harness.database.session_factory,
        harness.dispatcher["i18n"],
        harness.clock,
        RateLimiter(25, harness.clock, FakeSleep(harness.clock)),
        SenderConfig("en", "UTC", lease=timedelta(seconds=4)),
    )

    first = await sender.drain()
    assert 0 < first.sent < 8 and first.stale == 8 - first.sent  # the rest waited too long
    total = first.sent
    for _ in range(10):
        total += (await sender.drain()).sent
    texts = [c.params["text"] for c in harness.server.calls_of("sendMessage") if c.ok]
    assert total == len(texts) == 8
    assert len(set(texts)) == 8  # each push once, none twice


async def test_sender_shards_split_the_buyers_and_send_everything_once(
    harness: BotHarness,
) -> None:
    for telegram_id in range(8000, 8010):
        await _shipped_order(harness, telegram_id=telegram_id)

    def shard(index: int) -> OutboxSender:
        return OutboxSender(
            harness.bot,
            harness.database.session_factory,
            harness.dispatcher["i18n"],
            harness.clock,
            RateLimiter(12.5, harness.clock, FakeSleep(harness.clock)),
            SenderConfig("en", "UTC", shard=(index, 2)),
        )

    first, second = await shard(0).drain_due(), await shard(1).drain_due()

    assert (first.sent, second.sent) == (5, 5)
    async with harness.uow() as uow:
        ids = {
            str(user.telegram_id): user.id
            for user in (await uow.session.scalars(select(User))).all()
        }
    chats = [str(c.params["chat_id"]) for c in harness.server.calls_of("sendMessage") if c.ok]
    assert sorted(chats) == sorted(ids)  # everyone once
    assert [ids[chat] % 2 for chat in chats] == [0] * 5 + [1] * 5  # shard 0 first, then 1
