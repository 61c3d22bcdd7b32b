"""Buyer actions reach the marketplace: signed, retried until accepted, never lost or repeated."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.app import Database
from bot.clock import FixedClock
from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.notify.webhook import LEASE, WebhookSender, deliver_due_events, verify_signature
from bot.services.errors import OrderNotDeletable, ReceiptNotConfirmable
from bot.services.orders import buyer as orders
from bot.services.orders import trash
from tests.factories import CARD_RULES, make_buyer, make_order

SECRET = "webhook-secret"


class Marketplace:
    """A receiving end that answers with the statuses it is told to, in order."""

    def __init__(self) -> None:
        self.answers: list[int] = []
        self.received: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append((dict(request.headers), body))
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


@pytest.fixture
async def marketplace() -> AsyncIterator[tuple[Marketplace, str]]:
    receiver = Marketplace()
    app = web.Application()
    app.router.add_post("/events", receiver.handle)
    server = TestServer(app)
    await server.start_server()
    yield receiver, str(server.make_url("/events"))
    await server.close()


async def test_a_confirmed_receipt_is_posted_signed_retried_and_sent_once(
    database: Database, clock: FixedClock, marketplace: tuple[Marketplace, str]
) -> None:
    receiver, url = marketplace
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(
        uow, buyer, clock.now(), status=OrderStatus.SHIPPED, shipped_days_ago=3
    )
    await orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *CARD_RULES)
    receiver.answers = [503]

    async with aiohttp.ClientSession() as http:
        sender = WebhookSender(url, SECRET, http, clock)
        assert await deliver_due_events(database.session_factory, sender, clock) == 0
        assert await deliver_due_events(database.session_factory, sender, clock) == 0
        assert len(receiver.received) == 1  # not due again until the backoff passes
        clock.advance(timedelta(seconds=5))
        assert await deliver_due_events(database.session_factory, sender, clock) == 1
        assert await deliver_due_events(database.session_factory, sender, clock) == 0

    assert len(receiver.received) == 2
    headers, body = receiver.received[-1]
    assert headers["X-Cabinet-Timestamp"] == str(int(clock.now().timestamp()))  # this try's
    signed = (headers["X-Cabinet-Timestamp"], body, headers["X-Cabinet-Signature"])
    assert verify_signature(SECRET, *signed, clock.now())
    event = json.loads(body)
    assert headers["X-Cabinet-Event-Id"] == str(event["id"])
    assert event["kind"] == "order.receipt_confirmed"
    assert event["data"]["order_number"] == order.number


async def test_an_event_claimed_by_a_worker_that_died_is_sent_after_the_lease(
    database: Database, clock: FixedClock, marketplace: tuple[Marketplace, str]
) -> None:
    receiver, url = marketplace
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=OrderStatus.COMPLETED)
    await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    await trash.restore_order(uow, buyer.id, order.id, clock.now(), *CARD_RULES)
    async with UnitOfWork(database.session_factory) as claimer:
        due = await claimer.events.due(clock.now(), 10)
        assert [event.kind for event in due] == ["order.deleted", "order.restored"]
        assert await claimer.events.claim(due[0].id, clock.now(), clock.now() + LEASE)
        await claimer.commit()  # ... and then this worker is killed

    async with aiohttp.ClientSession() as http:
        sender = WebhookSender(url, SECRET, http, clock)
        assert await deliver_due_events(database.session_factory, sender, clock) == 1
        clock.advance(LEASE)
        assert await deliver_due_events(database.session_factory, sender, clock) == 1

    kinds = [json.loads(body)["kind"] for _, body in receiver.received]
    assert kinds == ["order.restored", "order.deleted"]


async def test_a_refused_action_sends_nothing(database: Database, clock: FixedClock) -> None:
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=OrderStatus.AWAITING_SHIPMENT)
    with pytest.raises(ReceiptNotConfirmable):
        await orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *CARD_RULES)
    with pytest.raises(OrderNotDeletable):
        await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    async with UnitOfWork(database.session_factory) as check:
        assert await check.events.due(clock.now() + timedelta(days=1), 10) == []


async def test_a_captured_delivery_cannot_be_replayed_later_or_altered(
    database: Database, clock: FixedClock, marketplace: tuple[Marketplace, str]
) -> None:
    receiver, url = marketplace
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=OrderStatus.COMPLETED)
    await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    async with aiohttp.ClientSession() as http:
        sender = WebhookSender(url, SECRET, http, clock)
        assert await deliver_due_events(database.session_factory, sender, clock) == 1
    [(headers, body)] = receiver.received
    timestamp, signature = headers["X-Cabinet-Timestamp"], headers["X-Cabinet-Signature"]
    sent = clock.now()

    assert verify_signature(SECRET, timestamp, body, signature, sent)  # fresh: accepted
    assert verify_signature(SECRET, timestamp, body, signature, sent + timedelta(seconds=300))
    # replayed six minutes later, as captured: refused
    assert not verify_signature(SECRET, timestamp, body, signature, sent + timedelta(minutes=6))
    # ... or with the timestamp made fresh: the signature no longer matches
    fresh = str(int(timestamp) + 360)
    assert not verify_signature(SECRET, fresh, body, signature, sent + timedelta(minutes=6))
    tampered = body.replace(b"order.deleted", b"order.restored")
    assert tampered != body
    assert not verify_signature(SECRET, timestamp, tampered, signature, sent)
    assert not verify_signature("another-secret", timestamp, body, signature, sent)
    assert not verify_signature(SECRET, "not-a-time", body, signature, sent)
