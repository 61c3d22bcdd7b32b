"""Tracking polls: new scans are pushed once, polls are spaced, stalled parcels get one nudge."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import select

from bot.db.enums import DisputeReason, OrderStatus, TrackingEventKind
from bot.db.models import OutboxMessage
from bot.fake_telegram import assert_every_callback_answered_once
from bot.notify.tracking_http import HttpJsonProvider
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.orders import sync as order_sync
from bot.services.orders.sync import StatusChange, TrackingSpec
from bot.services.orders.tracking import PollRules, poll_parcels
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.notify.test_sender import make_sender

RULES = PollRules(interval=timedelta(hours=6), stall_after=timedelta(days=10))


class Carrier:
    """A provider whose scans the test sets, counting how often it was asked."""

    def __init__(self) -> None:
        self.scans: list[TrackingSpec] = []
        self.asked = 0

    async def fetch(self, carrier: str | None, tracking_number: str) -> list[TrackingSpec]:
        self.asked += 1
        return list(self.scans)


async def _shipped(harness: BotHarness):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.AWAITING_SHIPMENT, title="Desk lamp"
    )
    await order_sync.change_status(
        harness.uow(),
        order.number,
        StatusChange(OrderStatus.SHIPPED, tracking_number="LP42CN", carrier="cainiao"),
        now,
        60,
    )
    return order


async def _notices(harness: BotHarness, kind: str) -> int:
    async with harness.uow() as uow:
        rows = (await uow.session.scalars(select(OutboxMessage.kind))).all()
    return sum(1 for row in rows if row == kind)


async def test_new_scans_are_stored_and_pushed_once_and_polls_are_spaced(
    harness: BotHarness,
) -> None:
    await _shipped(harness)
    carrier = Carrier()
    carrier.scans = [TrackingSpec("c-1", harness.clock.now(), "", TrackingEventKind.LEFT_ORIGIN)]

    first = await poll_parcels(harness.uow(), carrier, RULES, harness.clock.now())
    again = await poll_parcels(harness.uow(), carrier, RULES, harness.clock.now())
    harness.clock.advance(timedelta(hours=6, seconds=1))
    later = await poll_parcels(harness.uow(), carrier, RULES, harness.clock.now())

    assert (first.new_events, again.checked, later.checked, later.new_events) == (1, 0, 1, 0)
    assert carrier.asked == 2
    assert await _notices(harness, "tracking_event") == 1
    sender, _ = make_sender(harness)
    await sender.drain()
    texts = [call.params["text"] for call in harness.server.calls_of("sendMessage")]
    assert any("Your parcel" in text and "Left the country of origin" in text for text in texts)


async def test_a_parcel_with_no_news_gets_one_nudge_per_quiet_spell(harness: BotHarness) -> None:
    order = await _shipped(harness)
    for days in (9, 2, 2):
        harness.clock.advance(timedelta(days=days))
        await poll_parcels(harness.uow(), None, RULES, harness.clock.now())
    assert await _notices(harness, "tracking_stalled") == 1

    await order_sync.add_tracking_events(
        harness.uow(),
        order.number,
        [TrackingSpec("c-9", harness.clock.now(), "Moving")],
        harness.clock.now(),
    )
    harness.clock.advance(timedelta(days=11))
    await poll_parcels(harness.uow(), None, RULES, harness.clock.now())
    assert await _notices(harness, "tracking_stalled") == 2

    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()
    assert "No news of your parcel" in anna.screen
    assert anna.buttons[0] == ["🛡 Extend protection"]
    assert anna.buttons[1] == ["⚖️ Open dispute"]
    await anna.press("⚖️ Open dispute")
    assert f"Open a dispute · order №{order.number}" in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


async def test_a_stalled_parcel_already_disputed_offers_no_second_dispute(
    harness: BotHarness,
) -> None:
    order = await _shipped(harness)
    harness.clock.advance(timedelta(days=11))
    await poll_parcels(harness.uow(), None, RULES, harness.clock.now())
    async with harness.uow() as uow:
        user = await uow.users.by_id(order.buyer_id)
    assert user is not None
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Stuck for days")
    await disputes.open_dispute(
        harness.uow(), user, order.id, spec, harness.clock.now(), DisputeRules()
    )

    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()
    assert "No news of your parcel" in (anna.screen or "")
    assert ["⚖️ Open dispute"] not in anna.buttons


async def test_delivered_orders_are_not_polled(harness: BotHarness) -> None:
    order = await _shipped(harness)
    await order_sync.change_status(
        harness.uow(), order.number, StatusChange(OrderStatus.DELIVERED), harness.clock.now(), 60
    )
    carrier = Carrier()
    report = await poll_parcels(harness.uow(), carrier, RULES, harness.clock.now())
    assert (report.checked, carrier.asked) == (0, 0)


@pytest.fixture
async def tracker() -> AsyncIterator[tuple[list[str], str]]:
    asked: list[str] = []

    async def answer(request: web.Request) -> web.Response:
        asked.append(request.match_info["number"])
        return web.json_response(
            {
                "events": [
                    {
                        "id": "x-1",
                        "time": "2026-11-25T08:00:00+00:00",
                        "kind": "in_transit",
                        "location": "Almaty",
                    },
                    {"id": "x-2", "time": "2026-11-25T09:00:00"},  # no offset: skipped
                    {"time": "2026-11-25T10:00:00+00:00"},  # no id: skipped
                    "garbage",
                ]
            }
        )

    app = web.Application()
    app.router.add_get("/track/{carrier}/{number}", answer)
    server = TestServer(app)
    await server.start_server()
    yield asked, f"http://127.0.0.1:{server.port}/track/{{carrier}}/{{number}}"
    await server.close()


async def test_the_http_provider_reads_the_carriers_json_and_skips_bad_events(
    tracker: tuple[list[str], str],
) -> None:
    asked, template = tracker
    async with aiohttp.ClientSession() as http:
        scans = await HttpJsonProvider(template, http).fetch("cainiao", "LP 42/CN")
    assert asked == ["LP 42/CN"]
    assert [(scan.carrier_event_id, scan.kind, scan.location) for scan in scans] == [
        ("x-1", TrackingEventKind.IN_TRANSIT, "Almaty")
    ]
