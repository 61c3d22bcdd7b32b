"""How many SQL statements the main screens run, per press: a ceiling for each, so a screen
that starts reading more (a row loaded again, a query per list item) fails here.

The ceilings are today's counts, to be lowered as screens become one read each (issue 14);
raise one only with a reason in the commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from bot.db.enums import OrderStatus
from bot.fake_telegram.client import ChatClient
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


class Statements:
    """The statements run on the harness's database while counting."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __len__(self) -> int:
        return len(self.seen)


@contextmanager
def counting(harness: BotHarness) -> Iterator[Statements]:
    statements = Statements()
    engine = harness.database.engine.sync_engine

    def seen(*args: object) -> None:
        statements.seen.append(str(args[2]))  # (conn, cursor, statement, ...)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


async def _press_counted(harness: BotHarness, client: ChatClient, button: str) -> Statements:
    with counting(harness) as statements:
        await client.press(button)
    return statements


async def _send_counted(harness: BotHarness, client: ChatClient, text: str) -> Statements:
    with counting(harness) as statements:
        await client.send(text)
    return statements


async def _data_counted(harness: BotHarness, client: ChatClient, data: str) -> Statements:
    """A button of a screen the test did not open (the profile's, the sign-out one)."""
    with counting(harness) as statements:
        await client.press_data(data)
    return statements


def _over(pressed: dict[str, Statements], ceilings: dict[str, int]) -> dict[str, list[str]]:
    """The presses over their ceiling, with the start of each statement they ran."""
    return {
        screen: [each.split("\n")[0][:80] for each in statements.seen]
        for screen, statements in pressed.items()
        if len(statements) > ceilings[screen]
    }


async def test_the_order_screens_stay_within_their_statements(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    for n in range(12):  # a full first page, so a query per item would show
        await make_order(
            uow, buyer, now, title=f"Lamp {n}", status=OrderStatus.DELIVERED, shipped_days_ago=10
        )
    anna = harness.buyer()
    await anna.send("/start")

    pressed = {"My orders": await _press_counted(harness, anna, "📋 My orders")}
    first_order = next(b for b in sum(anna.buttons, []) if "Lamp" in b)
    pressed["order card"] = await _press_counted(harness, anna, first_order)
    pressed["Extend protection"] = await _press_counted(harness, anna, "🛡 Extend protection")
    pressed["Confirm receipt"] = await _press_counted(harness, anna, "✅ Confirm receipt")
    pressed["Yes, I received it"] = await _press_counted(harness, anna, "✅ Yes, I received it")
    await anna.press("🗑 Delete order")
    pressed["Undo (restore)"] = await _press_counted(harness, anna, "↩️ Undo")

    ceilings = {
        "My orders": 3,
        "order card": 6,
        "Extend protection": 10,
        "Confirm receipt": 3,
        "Yes, I received it": 11,
        "Undo (restore)": 9,
    }
    over = _over(pressed, ceilings)
    assert over == {}, f"more statements than the ceilings {ceilings}"
    assert "Status: ✅ Completed" in (anna.screen or "")  # the presses did what they say
    # A press on the order card reads the order once, the move and the card it shows after.
    order_reads = {
        screen: sum(each.startswith("SELECT orders.id") for each in statements.seen)
        for screen, statements in pressed.items()
        if screen != "My orders"
    }
    assert order_reads == dict.fromkeys(order_reads, 1)
