"""A forged button with a number beyond what the database stores (ids are 32-bit on
PostgreSQL) is an out-of-date button, not "Something went wrong" from a refused query (that
every such field is bounded is checked in tests/test_architecture.py)."""

from __future__ import annotations

import pytest

from bot.db.types import MAX_ID
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

OUT_OF_DATE = "This button is out of date. Open the cabinet again with /menu."


@pytest.mark.parametrize(
    "template",
    [
        "ord:o:{n}:all:0:0",
        "ord:o:1:all:0:{n}",
        "ol:all:{n}",
        "omp:1:{n}:all:0",
        "dsp:o:{n}:a:0",
        "cpn:o:{n}:a:0",
        "fbl:{n}",
    ],
)
@pytest.mark.parametrize("huge", [MAX_ID + 1, 10**30])
async def test_a_forged_huge_number_is_an_out_of_date_button(
    harness: BotHarness, template: str, huge: int
) -> None:
    buyer = await make_buyer(harness.uow(), 1001, harness.clock.now())
    await make_order(harness.uow(), buyer, harness.clock.now())  # order 1
    anna = harness.buyer()
    await anna.send("/start")

    await anna.press_data(template.format(n=1))  # the same button with a number it could have
    assert anna.last_answer is not None and anna.last_answer.get("text") != OUT_OF_DATE

    await anna.press_data(template.format(n=huge))
    assert anna.last_answer is not None and anna.last_answer.get("text") == OUT_OF_DATE
