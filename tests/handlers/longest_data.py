"""The longest and the most of everything a buyer's cabinet can hold: each stored text at the
maximum the integration API (read from its schema) or a form accepts, written to be as long as
possible on screen (`&` and `<` grow when escaped, emoji count twice in UTF-16), and many of
everything. Used by the max-length render test (test_screen_limits.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.api import schemas
from bot.db.enums import ComplaintReason, ComplaintTarget, DisputeReason
from bot.db.models import Store
from bot.fake_telegram import ChatClient
from bot.services import complaints
from bot.services.addresses.book import MAX_ADDRESSES, AddressDetails, add_address
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import MAX_TEXT_LENGTH as DISPUTE_TEXT
from bot.services.disputes.rules import DisputeRules
from bot.services.disputes.sync import MARKETPLACE_TEXT_LENGTH
from bot.services.feedback import buyer as feedback
from bot.services.feedback import rules as feedback_rules
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.lengths import utf16_len
from bot.services.messages import conversation as messages
from bot.services.profile import set_display_currency
from tests.api.conftest import Api
from tests.conftest import BotHarness

NASTY = "&<🙂>&"  # 5 characters; 1 + 4 + 2 + 4 + 5 = 16 escaped, 6 UTF-16 units shown


def api_max(model: type[Any], field: str) -> int:
    """The most the integration API accepts for a field (maxLength, or maxItems of a list),
    read from its schema so the test follows the API."""
    schema = model.model_json_schema()["properties"][field]
    for option in [schema, *schema.get("anyOf", [])]:
        for key in ("maxLength", "maxItems"):
            if key in option:
                return int(option[key])
    raise AssertionError(f"{model.__name__}.{field} has no maximum")


def chars(count: int) -> str:
    """`count` characters (as the API counts them) of the worst text for a screen."""
    return (NASTY * (count // len(NASTY) + 1))[:count]


def units(count: int) -> str:
    """Text of exactly `count` UTF-16 units (as a form counts them), escaping-heavy."""
    text = chars(count)
    while utf16_len(text) > count:
        text = text[:-1]
    return text + "&" * (count - utf16_len(text))


async def ok(response: Any) -> Any:
    status, body, _ = await response
    assert status in (200, 201), body
    return body


def order_body(
    number: str, items: int, key: str, placed_at: str = "2026-11-01T10:00:00+00:00"
) -> dict[str, Any]:
    title, variant = api_max(schemas.ItemIn, "title"), api_max(schemas.ItemIn, "variant")
    return {
        "number": number,
        "store_external_id": "worst",
        "currency": "USD",
        "items": [
            {
                "title": key + chars(title - 1),
                "variant": chars(variant),
                "unit_price_minor": 99_999_99,
                "quantity": 999,
            }
            for _ in range(items)
        ],
        "shipping_minor": 199,
        "shipping_address": {
            "recipient": chars(api_max(schemas.Address, "recipient")),
            "phone": chars(api_max(schemas.Address, "phone")),
            "country": "RU",
            "region": chars(api_max(schemas.Address, "region")),
            "city": chars(api_max(schemas.Address, "city")),
            "street": chars(api_max(schemas.Address, "street")),
            "postal_code": chars(api_max(schemas.Address, "postal_code")),
        },
        "placed_at": placed_at,
    }


async def ship(api: Api, number: str) -> None:
    path = f"/api/v1/orders/{number}/status"
    await ok(api.post(path, {"status": "awaiting_shipment", "at": "2026-11-02T10:00:00+00:00"}))
    shipped = {
        "status": "shipped",
        "at": "2026-11-03T10:00:00+00:00",
        "tracking_number": "L" * api_max(schemas.StatusIn, "tracking_number"),
        "carrier": chars(api_max(schemas.StatusIn, "carrier")),
    }
    await ok(api.post(path, shipped))


async def fill(api: Api, harness: BotHarness, locale: str) -> ChatClient:
    """A buyer linked through the API, with the longest and most of everything."""
    now = harness.clock.now()
    store = {"name": chars(api_max(schemas.StoreIn, "name"))}
    await ok(api.put("/api/v1/stores/worst", store))
    buyer = await ok(api.post("/api/v1/buyers", {"external_id": "b-1", "locale": locale}))
    link = await ok(api.post(f"/api/v1/buyers/{buyer['id']}/link"))
    client = harness.buyer(telegram_id=5005, language_code=locale, name="Olga")
    await client.send(f"/start {link['link']['start_parameter']}")
    buyer_id = buyer["id"]
    # Amounts shown twice (paid, and converted to the display currency with the rate's age):
    # the longest way money is written.
    rates = {"base": "USD", "rates": {"UZS": {"rate": "999999999.99", "as_of": now.isoformat()}}}
    await ok(api.put("/api/v1/exchange-rates", rates))
    async with harness.uow() as uow:
        account = await uow.users.by_id(buyer_id)
        assert account is not None
        await set_display_currency(uow, account, "UZS", now)

    # A: shipped, 100 items (the API's maximum), 200 tracking scans, a long conversation, a
    # dispute with a long correspondence. C: the same without a dispute (its buttons).
    # B: completed, with feedback, its addition and the seller's reply.
    numbers = {"A": "8100000000000001", "B": "8100000000000002", "C": "8100000000000003"}
    most_items = api_max(schemas.OrderIn, "items")
    for key, number in numbers.items():
        await ok(api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body(number, most_items, key)))
        await ship(api, number)
    await ok(api.post(f"/api/v1/orders/{numbers['B']}/status", {"status": "completed"}))
    # Enough more orders for full pages of every list: awaiting feedback, in transit.
    for index in range(12):
        number = f"82000000000000{index:02d}"
        await ok(
            api.post(
                f"/api/v1/buyers/{buyer_id}/orders",
                order_body(number, 1, "D", "2026-10-01T10:00:00+00:00"),
            )
        )
        await ship(api, number)
        if index % 2:
            path = f"/api/v1/orders/{number}/status"
            await ok(api.post(path, {"status": "completed"}))
    per_call = api_max(schemas.TrackingIn, "events")
    for batch in range(2):
        events = [
            {
                "carrier_event_id": f"e{batch}-{index}",
                "occurred_at": (now - timedelta(hours=batch * per_call + index)).isoformat(),
                "description": chars(api_max(schemas.TrackingEventIn, "description")),
                "location": chars(api_max(schemas.TrackingEventIn, "location")),
            }
            for index in range(per_call)
        ]
        await ok(api.post(f"/api/v1/orders/{numbers['A']}/tracking-events", {"events": events}))
    seller_text = chars(api_max(schemas.MessageIn, "text"))
    for index in range(12):
        body = {
            "external_id": f"m-{index}",
            "text": seller_text,
            "sent_at": (now - timedelta(hours=30 - index)).isoformat(),
        }
        await ok(api.post(f"/api/v1/orders/{numbers['A']}/messages", body))
        await messages.send_to_seller(
            harness.uow(),
            buyer_id,
            await order_id(harness, numbers["A"]),
            units(messages.MAX_MESSAGE_LENGTH),
            now - timedelta(hours=30 - index, minutes=-5),
        )

    async with harness.uow() as uow:
        user = await uow.users.by_id(buyer_id)
    assert user is not None
    dispute = (
        await disputes.open_dispute(
            harness.uow(),
            user,
            await order_id(harness, numbers["A"]),
            DisputeSpec(DisputeReason.NOT_AS_DESCRIBED, None, False, units(DISPUTE_TEXT)),
            now,
            DisputeRules(),
        )
    ).dispute
    for index in range(8):
        body = {"author": "seller", "external_id": f"d-{index}", "text": chars(4000)}
        assert MARKETPLACE_TEXT_LENGTH == 4000
        await ok(api.post(f"/api/v1/disputes/{dispute.id}/messages", body))
        await disputes.add_message(
            harness.uow(), buyer_id, dispute.id, units(DISPUTE_TEXT), (), now
        )

    order_b = await order_id(harness, numbers["B"])
    rules = FeedbackRules()
    text = units(feedback_rules.MAX_TEXT_LENGTH)
    await feedback.leave_feedback(
        harness.uow(), buyer_id, order_b, Ratings(5, 5, 5, 5), text, (), now, rules
    )
    await feedback.add_additional(harness.uow(), buyer_id, order_b, text, (), now, rules)
    reply = {"text": chars(4000)}
    await ok(api.post(f"/api/v1/orders/{numbers['B']}/feedback/reply", reply))

    async with harness.uow() as uow:
        store_id = (await uow.session.scalars(select(Store.id))).one()
    complaint = await complaints.file_complaint(
        harness.uow(),
        buyer_id,
        ComplaintTarget.STORE,
        store_id,
        ComplaintReason.OTHER,
        units(complaints.MAX_TEXT_LENGTH),
        False,
        now,
    )
    resolution = {"status": "rejected", "resolution": chars(2000)}
    await ok(api.post(f"/api/v1/complaints/{complaint.id}/status", resolution))

    for index in range(12):
        for folder, extra in (("promotion", {"store_external_id": "worst"}), ("platform", {})):
            notice = {
                "external_id": f"{folder}-{index}",
                "folder": folder,
                "title": f"{index:02d}" + chars(198),
                "text": chars(4000),
                **extra,
            }
            await ok(api.post(f"/api/v1/buyers/{buyer_id}/notices", notice))

    for index in range(12):
        coupon = {
            "store_external_id": "worst",
            "titles": {"en": chars(80), "ru": chars(80)},
            "percent_off": index + 1,  # buttons differ by it
            "min_order_minor": 10**12,
            "currency": "USD",
            "expires_at": (now + timedelta(days=30)).isoformat(),
        }
        await ok(api.put(f"/api/v1/buyers/{buyer_id}/coupons/c-{index}", coupon))

    for index in range(MAX_ADDRESSES):
        details = AddressDetails(
            recipient="Ж" * 100,
            phone="+79123456789",
            country="RU",
            region="Ж&" * 50,
            city="Ж&" * 50,
            street=("Ж&" * 99) + f" {index}",
            postal_code="125009",
        )
        await add_address(harness.uow(), buyer_id, details, now)
    return client


async def order_id(harness: BotHarness, number: str) -> int:
    async with harness.uow() as uow:
        order = await uow.orders.by_number(number)
        assert order is not None
        return order.id
