"""The marketplace's automatic confirmation: shown on the card, reminded, postponed by an
extension, forgotten once the buyer confirms."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.models import OutboxMessage
from bot.services.deadlines import scan_deadlines
from bot.services.orders import buyer as orders
from tests.api.conftest import order_body
from tests.api.test_api_to_buyer import _linked_buyer, api_and_bot  # noqa: F401 - fixture
from tests.factories import CARD_RULES
from tests.notify.test_sender import make_sender

DAY = timedelta(days=1)


async def _reminders(harness) -> int:
    async with harness.uow() as uow:
        kinds = (await uow.session.scalars(select(OutboxMessage.kind))).all()
    return sum(1 for kind in kinds if kind == "auto_confirm_soon")


async def test_auto_confirmation_from_the_api_is_shown_reminded_and_postponed(api_and_bot) -> None:  # noqa: F811
    api, harness = api_and_bot
    buyer_id, code, olga = await _linked_buyer(api, harness)
    number = "8100000000000001"
    await api.post(
        f"/api/v1/buyers/{buyer_id}/orders", order_body(paid_at="2026-11-20T11:00:00+00:00")
    )
    status, order, _ = await api.post(
        f"/api/v1/orders/{number}/status",
        {"status": "shipped", "auto_confirm_at": "2026-12-20T12:00:00+00:00"},
    )
    assert (status, order["auto_confirm_at"]) == (200, "2026-12-20T12:00:00Z")
    await olga.send(f"/start {code}")
    await olga.send("/orders")
    await olga.press("🚚 USB-C hub 7-in-1 · 46,87\u00a0$")
    assert "⏳ Получение подтвердится автоматически 20 дек. 2026" in olga.screen

    harness.clock.advance(21 * DAY)  # Dec 17, 12:00: three days before
    await scan_deadlines(harness.uow(), harness.clock.now())
    assert await _reminders(harness) == 1
    sender, _ = make_sender(harness)
    await sender.drain()
    pushes = [c.params["text"] for c in harness.server.calls_of("sendMessage")]
    assert any(text.startswith(f"⏳ Заказ №{number}") for text in pushes)

    async with harness.uow() as uow:
        user = await uow.users.by_telegram_id(5005)
        order_id = (await uow.orders.by_number(number)).id
    extended = await orders.extend_protection(
        harness.uow(), user.id, order_id, harness.clock.now(), 15, *CARD_RULES
    )
    assert extended.order.auto_confirm_at == harness.clock.now() + 3 * DAY + 15 * DAY
    harness.clock.advance(2 * DAY)
    await scan_deadlines(harness.uow(), harness.clock.now())
    assert await _reminders(harness) == 1  # the date moved: no "1 day left" for the old one

    await orders.confirm_receipt(harness.uow(), user.id, order_id, harness.clock.now(), *CARD_RULES)
    harness.clock.advance(15 * DAY)
    await scan_deadlines(harness.uow(), harness.clock.now())
    assert await _reminders(harness) == 1
