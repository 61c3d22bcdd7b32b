"""Letting the other tasks of a test run until what they do has happened."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

LONGEST = 10  # seconds: a condition that takes longer is a failure, not a slow machine


async def until(condition: Callable[[], bool]) -> None:
    """Yield to the loop until `condition` holds: the other tasks are busy with the database
    or a queue, so there is no event of theirs to wait for."""
    async with asyncio.timeout(LONGEST):
        while not condition():  # noqa: ASYNC110 - polls state that has no event of its own
            await asyncio.sleep(0.001)
