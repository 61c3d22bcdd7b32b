"""Deadline reminders: once, at the right offset, never after the subject is gone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import OutboxMessage
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.deadlines import scan_deadlines
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.orders import buyer as orders
from bot.services.orders import sync as order_sync
from bot.services.orders import trash
from bot.services.orders.sync import StatusChange
from tests.conftest import BotHarness
from tests.factories import CARD_RULES, make_buyer, make_order
from tests.notify.test_sender import make_sender

DAY = timedelta(days=1)


async def _kinds(harness: BotHarness) -> list[str]:
    async with harness.uow() as uow:
        rows = await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [row.kind for row in rows if row.kind in ("protection_ending", "trash_purge")]


async def _shipped(harness: BotHarness, protection_days: int = 60):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.AWAITING_SHIPMENT, title="Desk lamp"
    )
    await order_sync.change_status(
        harness.uow(), order.number, StatusChange(OrderStatus.SHIPPED), now, protection_days
    )
    return user, order


async def scan(harness: BotHarness) -> None:
    await scan_deadlines(harness.uow(), harness.clock.now())


async def test_protection_reminders_come_3_days_and_1_day_before_once_each(
    harness: BotHarness,
) -> None:
    await _shipped(harness)
    harness.clock.advance(56 * DAY)
    await scan(harness)
    assert await _kinds(harness) == []

    harness.clock.advance(DAY + timedelta(seconds=1))  # 3 days left
    await scan(harness)
    await scan(harness)  # a second scan, or a second process, changes nothing
    assert await _kinds(harness) == ["protection_ending"]

    harness.clock.advance(2 * DAY)  # 1 day left
    await scan(harness)
    await scan(harness)
    assert await _kinds(harness) == ["protection_ending", "protection_ending"]


async def test_the_reminder_push_offers_to_extend_protection(harness: BotHarness) -> None:
    await _shipped(harness)
    harness.clock.advance(57 * DAY + timedelta(hours=1))
    await scan(harness)
    sender, _ = make_sender(harness)
    await sender.drain()

    anna = harness.buyer()
    assert "🛡 Buyer protection for order №" in anna.screen
    assert "ends in 3 days, on Jan 25, 2027." in anna.screen
    assert anna.buttons[0] == ["🛡 Extend protection"]
    await anna.press("🛡 Extend protection")
    assert anna.last_answer["text"] == "🛡 Protection extended until Feb 9, 2027."


async def test_the_reminder_push_offers_a_dispute_and_not_after_one_is_open(
    harness: BotHarness,
) -> None:
    user, order = await _shipped(harness)
    harness.clock.advance(57 * DAY + timedelta(hours=1))
    await scan(harness)
    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()
    assert anna.buttons[1] == ["⚖️ Open dispute"]
    await anna.press("⚖️ Open dispute")
    assert f"Open a dispute · order №{order.number}" in (anna.screen or "")

    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never came")
    now = harness.clock.now()
    await disputes.open_dispute(harness.uow(), user, order.id, spec, now, DisputeRules())
    harness.clock.advance(2 * DAY)  # the 1-day reminder
    await scan(harness)
    await sender.drain()
    assert "🛡 Buyer protection for order №" in (anna.screen or "")
    assert ["⚖️ Open dispute"] not in anna.buttons
    assert_every_callback_answered_once(harness.server)


async def test_an_extension_moves_the_reminders_and_receipt_cancels_them(
    harness: BotHarness,
) -> None:
    user, order = await _shipped(harness)
    harness.clock.advance(57 * DAY + timedelta(hours=1))
    await orders.extend_protection(
        harness.uow(), user.id, order.id, harness.clock.now(), 15, *CARD_RULES
    )
    await scan(harness)
    assert await _kinds(harness) == []  # 18 days left now

    harness.clock.advance(15 * DAY)
    await scan(harness)
    assert await _kinds(harness) == ["protection_ending"]
    await orders.confirm_receipt(harness.uow(), user.id, order.id, harness.clock.now(), *CARD_RULES)
    harness.clock.advance(2 * DAY)
    await scan(harness)
    assert await _kinds(harness) == ["protection_ending"]


async def test_a_deleted_order_is_reminded_a_day_before_it_is_purged(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED, title="Mug")
    await trash.move_to_trash(harness.uow(), user.id, order.id, now, retention_days=30)

    harness.clock.advance(29 * DAY + timedelta(minutes=1))
    await scan(harness)
    sender, _ = make_sender(harness)
    assert (await sender.drain()).sent == 1

    anna = harness.buyer()
    assert anna.screen.startswith(f"🗑 Deleted order №{order.number} (Mug) will be removed")
    await anna.press("♻️ Restore")
    assert "Status: ✅ Completed" in anna.screen


async def test_no_reminder_for_a_restored_or_forgotten_order(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    kept = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED)
    purged = await make_order(harness.uow(), user, now, status=OrderStatus.CLOSED)
    for order in (kept, purged):
        await trash.move_to_trash(harness.uow(), user.id, order.id, now, retention_days=30)
    await trash.restore_order(harness.uow(), user.id, kept.id, now, *CARD_RULES)
    await trash.delete_forever(harness.uow(), user.id, purged.id, now)

    harness.clock.advance(29 * DAY + timedelta(minutes=1))
    await scan(harness)
    assert await _kinds(harness) == []


async def test_without_a_configured_purge_a_deleted_order_gets_no_purge_reminder(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED, title="Mug")
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("✅ Mug · $24.50")
    await anna.press("🗑 Delete order")

    harness.clock.advance(400 * DAY)
    await scan(harness)
    assert await _kinds(harness) == []
    await anna.press("🗑 Deleted orders")
    assert "1 order. It stays here" in anna.screen
