"""Coupon expiry reminders: 3 days and 1 day before, once each, never for a coupon that was
used, withdrawn or moved; and the push a buyer gets, with its buttons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import OrderStatus
from bot.db.models import OutboxMessage
from bot.db.uow import UnitOfWork
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services import coupons
from bot.services.coupons import CouponSpec
from bot.services.deadlines import scan_deadlines
from bot.services.orders import trash
from tests.conftest import START, BotHarness
from tests.factories import make_buyer, make_coupon, make_order
from tests.notify.test_sender import make_sender

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


async def _reminders(uow: UnitOfWork) -> list[dict[str, object]]:
    async with uow:
        rows = await uow.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "coupon_expiring")
            .order_by(OutboxMessage.id)
        )
        return [row.payload for row in rows]


async def test_reminders_come_3_days_and_1_day_before_once_each(uow: UnitOfWork) -> None:
    user = await make_buyer(uow, 1001, START)
    coupon = await make_coupon(uow, user, START, expires_in=10 * DAY)

    await scan_deadlines(uow, START + 7 * DAY - SECOND)
    assert await _reminders(uow) == []

    for _ in range(2):  # a second scan, or a second process, changes nothing
        await scan_deadlines(uow, START + 7 * DAY)
    due = (START + 10 * DAY).isoformat()
    assert await _reminders(uow) == [{"coupon_id": coupon.id, "due_at": due}]

    for _ in range(2):
        await scan_deadlines(uow, START + 9 * DAY + timedelta(hours=1))
    assert await _reminders(uow) == [{"coupon_id": coupon.id, "due_at": due}] * 2

    await scan_deadlines(uow, START + 11 * DAY)
    assert len(await _reminders(uow)) == 2


async def test_no_reminder_for_a_used_or_withdrawn_coupon(uow: UnitOfWork) -> None:
    user = await make_buyer(uow, 1001, START, external_id="b-1")
    used = await make_coupon(uow, user, START, expires_in=5 * DAY)
    withdrawn = await make_coupon(uow, user, START, expires_in=5 * DAY)
    await coupons.use_coupon(uow, user.id, used.external_id, None, None, START)
    await coupons.delete_coupon(uow, user.id, withdrawn.external_id)

    for day in range(1, 6):
        await scan_deadlines(uow, START + day * DAY)

    assert await _reminders(uow) == []


async def test_moving_the_expiry_later_reminds_again_for_the_new_date(uow: UnitOfWork) -> None:
    user = await make_buyer(uow, 1001, START, external_id="b-1")
    coupon = await make_coupon(uow, user, START, expires_in=3 * DAY, store_name=None)
    await scan_deadlines(uow, START)
    assert len(await _reminders(uow)) == 1

    later = START + 10 * DAY
    spec = CouponSpec(coupon.external_id, None, {"en": "Gift"}, 300, None, "USD", 0, None, later)
    _, created = await coupons.upsert_coupon(uow, user.id, spec, START + DAY)
    assert not created

    await scan_deadlines(uow, START + 2 * DAY + timedelta(hours=1))  # the old 1-day mark
    assert len(await _reminders(uow)) == 1
    await scan_deadlines(uow, START + 7 * DAY)
    reminders = await _reminders(uow)
    assert reminders[-1] == {"coupon_id": coupon.id, "due_at": later.isoformat()}
    assert len(reminders) == 2


async def test_a_deleted_order_does_not_take_a_coupon_reminder_with_it(uow: UnitOfWork) -> None:
    user = await make_buyer(uow, 1001, START)
    order = await make_order(uow, user, START, status=OrderStatus.COMPLETED)
    coupon = await make_coupon(uow, user, START, expires_in=2 * DAY)
    assert coupon.id == order.id  # the same number in two kinds of deadline
    await trash.move_to_trash(uow, user.id, order.id, START, retention_days=30)
    await trash.delete_forever(uow, user.id, order.id, START)

    await scan_deadlines(uow, START + timedelta(hours=1))

    assert await _reminders(uow) == [
        {"coupon_id": coupon.id, "due_at": (START + 2 * DAY).isoformat()}
    ]


async def test_the_reminder_says_what_the_coupon_is_worth_and_opens_it(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    await make_coupon(harness.uow(), user, now, title="Store coupon", expires_in=3 * DAY)
    harness.clock.advance(2 * DAY)
    await scan_deadlines(harness.uow(), harness.clock.now())
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 1

    anna = harness.buyer()
    assert anna.screen == (
        "🎟 Your coupon “$3 off orders from $20” at UGREEN Official Store expires in 1 day "
        "(Nov 29, 12:00\u202fPM).\nUse it on an order before then, or it is lost."
    )
    assert anna.buttons == [["🎟 Open coupon", "🎟 My coupons"], ["🔕 Turn these off"]]
    await anna.press("🎟 Open coupon")
    assert anna.screen == (
        "🎟 Store coupon\n\n$3 off orders from $20\nStore: UGREEN Official Store\n"
        "⏳ Expires Nov 29, 12:00\u202fPM (in 1 day)\n\n"
        "The discount is applied at checkout on the marketplace when your order qualifies."
    )
    await anna.press("⬅️ Back")
    assert anna.buttons[0] == ["• Active 1", "Used & expired 0"]
    assert_every_callback_answered_once(harness.server)


async def test_a_platform_coupon_reminder_in_russian_uses_russian_money_and_dates(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code="ru")
    await make_coupon(
        harness.uow(),
        user,
        now,
        store_name=None,
        discount_minor=30000,
        min_order_minor=200000,
        currency="RUB",
        expires_in=3 * DAY + timedelta(hours=6),
    )
    harness.clock.advance(6 * timedelta(hours=1))
    await scan_deadlines(harness.uow(), harness.clock.now())
    sender, _ = make_sender(harness)
    await sender.drain()

    anna = harness.buyer(language_code="ru")
    # Only Babel's parts here: the sentence itself is translated in the catalogue.
    assert "300\u00a0₽" in anna.screen and "2\u00a0000\u00a0₽" in anna.screen
    assert "через 3 дня" in anna.screen
    assert "29 нояб., 18:00" in anna.screen


async def test_a_reminder_for_a_coupon_used_meanwhile_is_not_sent(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, external_id="b-1")
    coupon = await make_coupon(harness.uow(), user, now, expires_in=2 * DAY)
    await scan_deadlines(harness.uow(), now)
    await coupons.use_coupon(harness.uow(), user.id, coupon.external_id, None, None, now)
    sender, _ = make_sender(harness)

    report = await sender.drain()

    assert (report.sent, report.reasons) == (0, ["subject gone"])
    assert harness.server.calls_of("sendMessage") == []


async def test_the_mute_button_turns_coupon_reminders_off(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    await make_coupon(harness.uow(), user, now, expires_in=2 * DAY)
    await make_coupon(harness.uow(), user, now, expires_in=4 * DAY, title="Second")
    await scan_deadlines(harness.uow(), now)
    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()

    await anna.press("🔕 Turn these off")

    assert anna.last_answer["text"] == (
        "🔕 Turned off: Coupons about to expire. Turn it back on in Settings → Notifications."
    )
    harness.clock.advance(DAY + timedelta(hours=1))
    await scan_deadlines(harness.uow(), harness.clock.now())
    report = await sender.drain()
    assert (report.sent, report.reasons) == (0, ["muted", "muted"])
    await anna.send("/settings")
    await anna.press("🔔 Notifications")
    await anna.press("🔕 Coupons about to expire")
    assert "✅ Coupons about to expire" in sum(anna.buttons, [])
