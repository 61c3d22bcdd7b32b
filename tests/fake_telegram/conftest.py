"""Fixtures wiring a FakeBotAPI to a real aiogram Bot."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties

from bot.fake_telegram import FakeBotAPI, FakeSession

START_TIME = 1_750_000_000.0


class FakeClock:
    """A manual clock so message dates are deterministic."""

    def __init__(self, now: float = START_TIME) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> FakeBotAPI:
    return FakeBotAPI(clock=clock)


@pytest.fixture
async def bot(server: FakeBotAPI) -> AsyncIterator[Bot]:
    bot = Bot(
        token="42:TEST",
        session=FakeSession(server),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    yield bot
    await bot.session.close()


def keyboard(*rows: list[tuple[str, str]]) -> str:
    """An inline keyboard JSON string as aiogram would send it."""
    return json.dumps(
        {
            "inline_keyboard": [
                [{"text": text, "callback_data": data} for text, data in row] for row in rows
            ]
        }
    )
