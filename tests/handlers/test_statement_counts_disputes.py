"""How many SQL statements the dispute screens, moves and the open-dispute form run, per press
or typed answer: a ceiling for each, so a screen that starts reading more (a row loaded again,
a query per list item) fails here. Raise one only with a reason in the commit."""

from __future__ import annotations

from bot.db.enums import DisputeReason, OrderStatus
from bot.fake_telegram.client import ChatClient
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.handlers.test_statement_counts import (
    Statements,
    _over,
    _press_counted,
    _send_counted,
)

RULES = DisputeRules()


def _reads(pressed: dict[str, Statements], table: str) -> dict[str, int]:
    """How many times each press read a row of `table` (the screen's main row)."""
    return {
        screen: sum(each.startswith(f"SELECT {table}.id") for each in statements.seen)
        for screen, statements in pressed.items()
    }


async def _disputes(harness: BotHarness, count: int) -> list[str]:
    """`count` open disputes, each on an order of its own, each with the seller's offer; the
    numbers of their orders, the latest changed last."""
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    numbers = []
    for n in range(count):
        order = await make_order(
            uow, buyer, now, title=f"Lamp {n}", status=OrderStatus.SHIPPED, days_ago=10
        )
        spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived")
        dispute = (await disputes.open_dispute(uow, buyer, order.id, spec, now, RULES)).dispute
        await dispute_sync.seller_offer(uow, dispute.id, 500, False, "Half?", now, RULES)
        numbers.append(order.number)
    return numbers


def _card_button(client: ChatClient, number: str) -> str:
    return next(text for row in client.buttons for text in row if f"№{number}" in text)


async def test_the_dispute_screens_and_moves_stay_within_their_statements(
    harness: BotHarness,
) -> None:
    numbers = await _disputes(harness, 6)  # more than a page, so a query per item would show
    anna = harness.buyer()
    await anna.send("/start")

    pressed = {"Returns & disputes": await _press_counted(harness, anna, "⚖️ Returns & disputes")}
    pressed["dispute card"] = await _press_counted(harness, anna, _card_button(anna, numbers[-1]))
    pressed["Reject and counter"] = await _press_counted(harness, anna, "↩️ Reject and counter")
    pressed["not an amount"] = await _send_counted(harness, anna, "lots")
    pressed["counter amount"] = await _send_counted(harness, anna, "4.00")
    pressed["Escalate"] = await _press_counted(harness, anna, "🏛 Escalate to the platform")
    pressed["Add a message"] = await _press_counted(harness, anna, "✍️ Add a message or evidence")
    pressed["message"] = await _send_counted(harness, anna, "Still nothing")
    pressed["Cancel the dispute"] = await _press_counted(harness, anna, "✖️ Cancel the dispute")
    pressed["Yes, cancel"] = await _press_counted(harness, anna, "✖️ Yes, cancel the dispute")
    assert "Status: ✖️ Cancelled by you" in (anna.screen or "")
    await anna.press("⬅️ Back")
    await anna.press(_card_button(anna, numbers[-2]))
    pressed["Accept the offer"] = await _press_counted(harness, anna, "✅ Accept the offer")
    pressed["Yes, accept"] = await _press_counted(harness, anna, "✅ Yes, accept")
    assert "Status: ✅ Refunded" in (anna.screen or "")  # the presses did what they say
    pressed["Export evidence"] = await _press_counted(harness, anna, "📄 Export evidence")

    # Each counts the buyer's session; a move then reads the dispute with its order (one
    # query), keeps its deadlines (one read, at most one delete), writes, and shows the card:
    # its letters marked read, its messages and attachments.
    ceilings = {
        "Returns & disputes": 3,
        "dispute card": 5,
        "Reject and counter": 2,
        "not an amount": 1,
        "counter amount": 10,
        "Escalate": 9,
        "Add a message": 2,
        "message": 8,
        "Cancel the dispute": 2,
        "Yes, cancel": 8,
        "Accept the offer": 2,
        "Yes, accept": 9,
        "Export evidence": 4,
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    # The dispute is read once per press (with its order), and not at all for an answer that
    # is not an amount; no press reads the order apart.
    dispute_reads = _reads(pressed, "disputes")
    assert dispute_reads == dict.fromkeys(pressed, 1) | {"not an amount": 0}
    assert _reads(pressed, "orders") == dict.fromkeys(pressed, 0)


async def test_the_open_dispute_form_stays_within_its_statements(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    await make_order(uow, buyer, now, status=OrderStatus.SHIPPED, days_ago=10)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Bluetooth earbuds · $24.50")

    pressed = {"Open dispute": await _press_counted(harness, anna, "⚖️ Open dispute")}
    pressed["reason"] = await _press_counted(harness, anna, "Not received")
    pressed["refund"] = await _press_counted(harness, anna, "💯 Full refund: $24.50")
    pressed["description"] = await _send_counted(harness, anna, "The parcel never arrived.")
    pressed["evidence"] = await _press_counted(harness, anna, "⏭ Skip")
    pressed["Submit"] = await _press_counted(harness, anna, "📨 Submit the dispute")
    assert "Status: ⏳ Waiting for the seller" in (anna.screen or "")

    # A step reads the order the form names; Open dispute and a reason also look for its
    # dispute (one per order). Submitting checks everything again, writes the dispute, its
    # first message, deadline and event, and shows its card.
    ceilings = {
        "Open dispute": 3,
        "reason": 3,
        "refund": 2,
        "description": 2,
        "evidence": 2,
        "Submit": 12,
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert _reads(pressed, "orders") == dict.fromkeys(pressed, 1)
