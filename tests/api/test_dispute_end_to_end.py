"""A dispute from both sides: a top-level club member opens it, the seller offers a refund
through the API, the push takes the buyer to the dispute, they accept, the platform sees it
(with the priority flag)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import DisputeReason
from bot.db.models import OutboundEvent
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.api.conftest import order_body
from tests.api.test_api_to_buyer import _linked_buyer, api_and_bot  # noqa: F401 - fixture
from tests.notify.test_sender import make_sender

NUMBER = "8100000000000001"


async def test_the_seller_offers_through_the_api_and_the_buyer_accepts_in_telegram(
    api_and_bot,  # noqa: F811
) -> None:
    api, harness = api_and_bot
    buyer_id, code, olga = await _linked_buyer(api, harness)
    await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body(paid_at=None))
    await olga.send(f"/start {code}")
    status, updated, _ = await api.post(
        "/api/v1/buyers", {"external_id": "buyer-1", "club_level": 4}
    )
    assert (status, updated["club_level"]) == (200, 4)  # a top-level club member
    await api.post(f"/api/v1/orders/{NUMBER}/status", {"status": "awaiting_shipment"})
    await api.post(f"/api/v1/orders/{NUMBER}/status", {"status": "shipped"})
    harness.clock.advance(timedelta(days=5))
    async with harness.uow() as uow:
        buyer = await uow.users.by_id(buyer_id)
        order = await uow.orders.by_number(NUMBER)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "The parcel never came.")
    dispute = (
        await disputes.open_dispute(
            harness.uow(), buyer, order.id, spec, harness.clock.now(), DisputeRules()
        )
    ).dispute

    status, offered, _ = await api.post(
        f"/api/v1/disputes/{dispute.id}/offer",
        {"amount_minor": 1500, "return_goods": False, "message": "Sorry! Half back?"},
    )
    assert status == 200, offered
    sender, _ = make_sender(harness)
    harness.server.clear()
    await sender.drain()
    assert any(
        "Продавец предлагает" in c.params["text"] for c in harness.server.calls_of("sendMessage")
    )

    await olga.press("⚖️ Спор")
    assert "Нужен ваш ответ" in olga.screen and "Предложение продавца: 15,00" in olga.screen
    await olga.press("✅ Принять предложение")
    await olga.press("✅ Да, принять")

    status, card, _ = await api.get(f"/api/v1/disputes/{dispute.id}")
    assert (status, card["status"], card["refunded_minor"]) == (200, "refunded", 1500)
    assert card["priority"] is True  # carried to the platform
    async with harness.uow() as uow:
        kinds = list((await uow.session.scalars(select(OutboundEvent.kind))).all())
    assert "dispute.offer_accepted" in kinds
