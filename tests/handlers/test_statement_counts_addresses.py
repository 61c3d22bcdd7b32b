"""How many SQL statements the shipping-address screens run, per press (see
test_statement_counts.py): a ceiling for each, so a screen that starts reading more fails."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.services.addresses import book as address_book
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.handlers.test_statement_counts import (
    Statements,
    _press_counted,
    counting,
)
from tests.services.test_address_book import BERLIN


async def test_the_address_screens_stay_within_their_statements(harness: BotHarness) -> None:
    now = harness.clock.now()
    buyer = await make_buyer(harness.uow(), 1001, now)
    for n in range(address_book.MAX_ADDRESSES):  # a full book: a query per address would show
        city = f"Berlin {n}"
        later = now + timedelta(minutes=n)
        await address_book.add_address(harness.uow(), buyer.id, replace(BERLIN, city=city), later)
    anna = harness.buyer()

    with counting(harness) as listed:
        await anna.send("/addresses")
    pressed: dict[str, Statements] = {"/addresses": listed}
    pressed["an address"] = await _press_counted(harness, anna, "Anna Schmidt · Berlin 9 · Germany")
    pressed["Set as default"] = await _press_counted(harness, anna, "⭐ Set as default")
    await anna.press("✏️ Edit")
    pressed["Save"] = await _press_counted(harness, anna, "💾 Save")
    await anna.press("🗑 Delete")
    pressed["Yes, delete"] = await _press_counted(harness, anna, "🗑 Yes, delete")

    # Who is asking, then one read of the book or the address; a move adds its writes and
    # events, and shows what it changed without reading it again (deleting the default reads
    # the newest address to take its place, and the book it leaves).
    ceilings = {"/addresses": 2, "an address": 2, "Set as default": 5, "Save": 3, "Yes, delete": 8}
    over = {
        screen: [each.split("\n")[0][:80] for each in statements.seen]
        for screen, statements in pressed.items()
        if len(statements) > ceilings[screen]
    }
    assert over == {}, f"more statements than the ceilings {ceilings}"
    assert "Berlin 9" not in (anna.screen or "")  # the presses did what they say
    assert "⭐ Anna Schmidt · Berlin 8 · Germany" in (anna.screen or "")
    address_reads = {
        screen: sum(each.startswith("SELECT addresses.id") for each in statements.seen)
        for screen, statements in pressed.items()
    }
    assert address_reads == {**dict.fromkeys(address_reads, 1), "Yes, delete": 3}
