"""The marketplace feeds the API; the buyer sees it in Telegram at once, and their actions
go back as outbound events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.api.app import build_api
from bot.api.metrics import Metrics
from bot.db.models import OutboundEvent, OutboxMessage
from tests.api.conftest import TOKEN, Api, make_buyer_and_store, order_body
from tests.conftest import BotHarness, make_settings


@pytest.fixture
async def api_and_bot(harness: BotHarness) -> AsyncIterator[tuple[Api, BotHarness]]:
    settings = make_settings(api_token=TOKEN, bot_username="cabinet_test_bot")
    app = build_api(settings, harness.database.session_factory, harness.clock, Metrics())
    async with TestClient(TestServer(app)) as client:
        yield Api(client, Metrics()), harness


async def _linked_buyer(api: Api, harness: BotHarness):
    buyer_id = await make_buyer_and_store(api)
    status, buyer, _ = await api.post(f"/api/v1/buyers/{buyer_id}/link")
    assert status == 201
    assert (
        buyer["link"]["url"]
        == f"https://t.me/cabinet_test_bot?start={buyer['link']['start_parameter']}"
    )
    olga = harness.buyer(telegram_id=5005, language_code="ru", name="Olga")
    return buyer_id, buyer["link"]["start_parameter"], olga


async def test_a_buyer_opens_the_deep_link_and_sees_orders_fed_by_the_api(api_and_bot) -> None:
    api, harness = api_and_bot
    buyer_id, code, olga = await _linked_buyer(api, harness)
    await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body())

    await olga.send(f"/start {code}")

    texts = [call.params.get("text", "") for call in harness.server.calls_of("sendMessage")]
    assert any("аккаунт маркетплейса привязан" in text for text in texts)
    assert "1 заказ ожидает оплаты" in olga.screen
    status, buyer, _ = await api.get(f"/api/v1/buyers/{buyer_id}")
    assert (status, buyer["telegram_linked"]) == (200, True)

    number = "8100000000000001"
    await api.post(f"/api/v1/orders/{number}/status", {"status": "awaiting_shipment"})
    await api.post(
        f"/api/v1/orders/{number}/status", {"status": "shipped", "tracking_number": "LP9CN"}
    )
    await api.post(
        f"/api/v1/orders/{number}/tracking-events",
        {
            "events": [
                {
                    "carrier_event_id": "e1",
                    "occurred_at": "2026-11-26T09:00:00+00:00",
                    "kind": "arrived_sorting_center",
                    "location": "Москва",
                }
            ]
        },
    )
    await olga.send("/orders")
    assert "В пути 1" in sum(olga.buttons, [])
    await olga.press("🚚 USB-C hub 7-in-1 · 46,87\u00a0$")
    assert (
        "Последнее событие: Прибыло в сортировочный центр (Москва, 26 нояб., 09:00)" in olga.screen
    )

    async with harness.uow() as uow:
        kinds = list((await uow.session.scalars(select(OutboxMessage.kind))).all())
    assert kinds == ["order_created", "order_status", "order_status", "tracking_event"]


async def test_what_the_buyer_does_becomes_an_outbound_event(api_and_bot) -> None:
    api, harness = api_and_bot
    buyer_id, code, olga = await _linked_buyer(api, harness)
    await api.post(
        f"/api/v1/buyers/{buyer_id}/orders", order_body(paid_at="2026-11-20T10:05:00+00:00")
    )
    await api.post("/api/v1/orders/8100000000000001/status", {"status": "shipped"})
    await olga.send(f"/start {code}")
    await olga.send("/orders")
    await olga.press("🚚 USB-C hub 7-in-1 · 46,87\u00a0$")

    await olga.press("🛡 Продлить защиту")
    await olga.press("✅ Подтвердить получение")
    await olga.press("✅ Да, заказ получен")

    async with harness.uow() as uow:
        events = list(
            (await uow.session.scalars(select(OutboundEvent).order_by(OutboundEvent.id))).all()
        )
    assert [event.kind for event in events] == [
        "buyer.linked",
        "order.protection_extended",
        "order.receipt_confirmed",
    ]
    assert events[2].payload["order_number"] == "8100000000000001"
    status, order, _ = await api.get("/api/v1/orders/8100000000000001")
    assert (status, order["status"]) == (200, "completed")


async def test_a_link_works_once_and_until_it_expires(api_and_bot) -> None:
    api, harness = api_and_bot
    _, code, olga = await _linked_buyer(api, harness)
    stranger = harness.buyer(telegram_id=6006, language_code="en")

    await olga.send(f"/start {code}")
    await stranger.send(f"/start {code}")
    assert stranger.screen.startswith("This sign-in link has already been used.")

    status, fresh, _ = await api.post("/api/v1/buyers", {"external_id": "buyer-2"})
    harness.clock.advance(timedelta(hours=73))
    await stranger.send(f"/start {fresh['link']['start_parameter']}")
    assert stranger.screen.startswith("This sign-in link has expired.")
    await stranger.send("/start Lforged-code")
    assert stranger.screen.startswith("This sign-in link is not valid.")
