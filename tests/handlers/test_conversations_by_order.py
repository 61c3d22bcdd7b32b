"""The message center's Sellers folder by order: unread counts per order, newest first, pages,
and each order opening its own conversation, in English and Russian."""

from __future__ import annotations

from datetime import timedelta

from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


def ru(harness: BotHarness, text: str) -> str:
    """The Russian words for a new English text (the translators add them to the catalogue)."""
    return harness.dispatcher["i18n"].gettext(text, locale="ru")


async def _two_orders(harness: BotHarness, language_code: str = "en"):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=language_code)
    lamp = await make_order(harness.uow(), user, now, title="Lamp")
    desk = await make_order(harness.uow(), user, now, title="Desk", store_name="Desk World")
    earlier = now - timedelta(hours=2)
    await add_seller_message(harness.uow(), lamp.number, "m-1", "Hi", earlier, now)
    await add_seller_message(harness.uow(), lamp.number, "m-2", "Paid?", earlier, now)
    await add_seller_message(harness.uow(), desk.number, "d-1", "Colour?", now, now)
    return lamp, desk


async def test_orders_with_messages_show_unread_counts_and_opening_one_marks_it_read(
    harness: BotHarness,
) -> None:
    lamp, desk = await _two_orders(harness)
    anna = harness.buyer()
    await anna.send("/messages")
    await anna.press("💬 Sellers (3)")
    assert ["📦 By order"] in anna.buttons

    await anna.press("📦 By order")
    assert anna.screen.startswith("📦 Conversations by order\n")
    assert f"Order №{desk.number} · Desk World\nDesk ·" in anna.screen
    assert f"Order №{lamp.number} · UGREEN Official Store\nLamp ·" in anna.screen
    assert anna.screen.index(desk.number) < anna.screen.index(lamp.number)
    assert anna.buttons[:2] == [
        [f"🔵 1 · №{desk.number} · Desk"],
        [f"🔵 2 · №{lamp.number} · Lamp"],
    ]
    assert ["🏪 By seller"] in anna.buttons
    assert not any("Next ▶️" in row for row in anna.buttons)

    await anna.press(f"🔵 2 · №{lamp.number} · Lamp")
    assert anna.screen.startswith(f"✉️ Messages about order №{lamp.number}")
    assert "Paid?" in anna.screen

    await anna.send("/messages")
    assert anna.buttons[0] == ["💬 Sellers (1)"]
    await anna.press("💬 Sellers (1)")
    await anna.press("📦 By order")
    assert anna.buttons[:2] == [[f"🔵 1 · №{desk.number} · Desk"], [f"№{lamp.number} · Lamp"]]
    await anna.press("🏪 By seller")
    assert anna.buttons[:2] == [["🔵 1 · Desk World"], ["UGREEN Official Store"]]
    assert_every_callback_answered_once(harness.server)


async def test_many_orders_come_in_pages_in_russian(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code="ru")
    orders = []
    for index in range(9):
        order = await make_order(harness.uow(), user, now, title=f"Item {index}")
        sent = now - timedelta(minutes=9 - index)
        await add_seller_message(harness.uow(), order.number, f"m-{index}", "Hi", sent, now)
        orders.append(order)
    anna = harness.buyer(language_code="ru")

    await anna.send("/messages")
    await anna.press(ru(harness, "💬 Sellers") + " (9)")
    assert ru(harness, "📦 By order") == "📦 По заказам"
    await anna.press("📦 По заказам")
    assert anna.screen.startswith("📦 Переписка по заказам")
    assert anna.buttons[0] == [f"🔵 1 · №{orders[8].number} · Item 8"]
    assert anna.buttons[7] == [f"🔵 1 · №{orders[1].number} · Item 1"]
    assert orders[0].number not in anna.screen

    await anna.press(ru(harness, "Next ▶️"))
    assert anna.buttons[0] == [f"🔵 1 · №{orders[0].number} · Item 0"]
    assert ru(harness, "Order №{number}").format(number=orders[0].number) in anna.screen
    await anna.press(f"🔵 1 · №{orders[0].number} · Item 0")
    assert orders[0].number in anna.screen

    await anna.send("/messages")
    await anna.press(ru(harness, "💬 Sellers") + " (8)")
    await anna.press("📦 По заказам")
    await anna.press(ru(harness, "Next ▶️"))
    assert anna.buttons[0] == [f"№{orders[0].number} · Item 0"]
    await anna.press(ru(harness, "◀️ Previous"))
    await anna.press(ru(harness, "🏪 By seller"))
    assert anna.screen.startswith("💬 Переписка с продавцами\n\nUGREEN Official Store")
    assert_every_callback_answered_once(harness.server)
