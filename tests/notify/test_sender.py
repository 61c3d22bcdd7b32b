"""The outbox sender against the fake Telegram: what buyers get, and what happens on 429, 5xx
and 403 — nothing lost, nothing twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.db.enums import OrderStatus
from bot.db.models import OutboxMessage, User
from bot.notify.limiter import RateLimiter
from bot.notify.sender import OutboxSender, SenderConfig
from bot.services.orders import sync as order_sync
from bot.services.orders.sync import StatusChange, TrackingSpec
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


class FakeSleep:
    """Waiting moves the fixed clock instead of the wall clock."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.total = 0.0

    async def __call__(self, seconds: float) -> None:
        self.total += seconds
        self.clock.advance(timedelta(seconds=seconds))


def make_sender(harness: BotHarness, rate: float = 25) -> tuple[OutboxSender, FakeSleep]:
    sleep = FakeSleep(harness.clock)
    sender = OutboxSender(
        harness.bot,
        harness.database.session_factory,
        harness.dispatcher["i18n"],
        harness.clock,
        RateLimiter(rate, harness.clock, sleep),
        SenderConfig(default_locale="en", default_timezone="UTC"),
    )
    return sender, sleep


async def _shipped_order(harness: BotHarness, telegram_id: int = 1001, lang: str = "en"):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), telegram_id, now, language_code=lang)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.AWAITING_SHIPMENT, title="Desk lamp"
    )
    await order_sync.change_status(
        harness.uow(),
        order.number,
        StatusChange(OrderStatus.SHIPPED, tracking_number="LP1CN"),
        now,
        60,
    )
    return user, order


async def _rows(harness: BotHarness) -> list[OutboxMessage]:
    async with harness.uow() as uow:
        return list(
            (await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        )


async def test_a_status_change_is_pushed_once_in_the_buyers_language(harness: BotHarness) -> None:
    _, order = await _shipped_order(harness, lang="ru")
    sender, _ = make_sender(harness)

    first = await sender.drain()
    second = await sender.drain()

    assert (first.sent, second.sent) == (1, 0)
    sent = harness.server.calls_of("sendMessage")
    assert len(sent) == 1
    text = sent[0].params["text"]
    assert f"Заказ №{order.number}" in text and "<b>Отправлен</b>" in text
    assert "Защита покупателя действует до" in text
    buttons = [
        b["text"]
        for row in harness.server.last_message(1001).reply_markup["inline_keyboard"]
        for b in row
    ]
    assert buttons == ["🚚 Отследить", "📦 Открыть заказ", "🔕 Отключить такие"]
    assert (await _rows(harness))[0].sent_at == harness.clock.now()


async def test_429_retries_the_same_row_after_retry_after_and_others_carry_on(
    harness: BotHarness,
) -> None:
    await _shipped_order(harness)
    await _shipped_order(harness, telegram_id=2002)
    sender, _ = make_sender(harness)
    harness.server.fail_next("sendMessage", 429, retry_after=7)

    first = await sender.drain()
    assert (first.throttled, first.sent) == (1, 1)  # the other buyer was not held up
    harness.clock.advance(timedelta(seconds=6))
    assert (await sender.drain()).sent == 0
    harness.clock.advance(timedelta(seconds=1))
    assert (await sender.drain()).sent == 1

    calls = harness.server.calls_of("sendMessage")
    assert [(str(c.params["chat_id"]), c.ok) for c in calls] == [
        ("1001", False),
        ("2002", True),
        ("1001", True),
    ]


async def test_a_server_error_is_retried_later_and_nothing_is_lost(harness: BotHarness) -> None:
    await _shipped_order(harness)
    sender, _ = make_sender(harness)
    harness.server.fail_next("sendMessage", 502)

    assert (await sender.drain()).retried == 1
    assert (await sender.drain()).sent == 0  # backing off
    harness.clock.advance(timedelta(seconds=5))
    assert (await sender.drain()).sent == 1
    assert [call.ok for call in harness.server.calls_of("sendMessage")] == [False, True]


async def test_a_buyer_who_blocked_the_bot_gets_nothing_until_they_write_again(
    harness: BotHarness,
) -> None:
    user, order = await _shipped_order(harness)
    await _shipped_order(harness, telegram_id=2002)
    sender, _ = make_sender(harness)
    harness.server.block_chat(1001)

    report = await sender.drain()
    assert (report.unreachable, report.sent) == (1, 1)
    await order_sync.add_tracking_events(
        harness.uow(),
        order.number,
        [TrackingSpec("e1", harness.clock.now(), "", location="Moscow")],
        harness.clock.now(),
    )
    assert (await sender.drain()).sent == 0
    async with harness.uow() as uow:
        assert (await uow.session.get(User, user.id)).unreachable_at is not None

    anna = harness.buyer(telegram_id=1001)
    await anna.send("/menu")  # writing to the bot unblocks the chat and makes them reachable
    report = await sender.drain()
    assert report.sent == 2
    texts = [call.params["text"] for call in harness.server.calls_of("sendMessage") if call.ok]
    assert any("Your parcel" in text for text in texts)


async def test_pushes_keep_the_global_rate(harness: BotHarness) -> None:
    for telegram_id in range(3000, 3030):
        await _shipped_order(harness, telegram_id=telegram_id)
    sender, _ = make_sender(harness, rate=10)
    started = harness.clock.now()

    assert (await sender.drain()).sent == 30

    elapsed = (harness.clock.now() - started).total_seconds()
    # a one-second burst, then 10 a second (the clock counts whole microseconds)
    assert elapsed == pytest.approx((30 - 10) / 10, abs=1e-4)


async def test_one_chat_gets_at_most_one_push_a_second_without_holding_others_back(
    harness: BotHarness,
) -> None:
    _, order = await _shipped_order(harness, telegram_id=4000)
    for index in range(3):
        await order_sync.add_tracking_events(
            harness.uow(),
            order.number,
            [TrackingSpec(f"scan-{index}", harness.clock.now(), "", location="Hub")],
            harness.clock.now(),
        )
    for telegram_id in range(3000, 3005):
        await _shipped_order(harness, telegram_id=telegram_id)
    sender, _ = make_sender(harness, rate=25)
    started = harness.clock.now()

    assert (await sender.drain()).sent == 9

    chats = [str(call.params["chat_id"]) for call in harness.server.calls_of("sendMessage")]
    assert chats[:6] == ["4000", "3000", "3001", "3002", "3003", "3004"]
    assert chats[6:] == ["4000", "4000", "4000"]
    assert (harness.clock.now() - started).total_seconds() == pytest.approx(3.0)


async def test_muted_kinds_and_vanished_orders_are_dropped_not_sent(harness: BotHarness) -> None:
    user, order = await _shipped_order(harness)
    anna = harness.buyer()
    await anna.send("/settings")
    await anna.press("🔔 Notifications")
    await anna.press("✅ Order status changes")
    assert "🔕 Order status changes" in sum(anna.buttons, [])
    sender, _ = make_sender(harness)
    harness.server.clear()

    report = await sender.drain()

    assert (report.sent, report.reasons) == (0, ["muted"])
    assert harness.server.calls_of("sendMessage") == []
