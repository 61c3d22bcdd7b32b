"""The fake Bot API over HTTP: a long poll in hand does not hold up stopping the server."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.http import FakeBotAPIServer
from tests.waiting import until


async def test_stopping_answers_a_pending_long_poll_at_once() -> None:
    server = FakeBotAPIServer(FakeBotAPI(), "42:TEST")
    base = await server.start()

    async def long_poll() -> object:
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{base}/bot42:TEST/getUpdates", json={"timeout": 60}) as response,
        ):
            return await response.json()

    poll = asyncio.create_task(long_poll())
    await until(lambda: server.polls_waiting == 1)

    async with asyncio.timeout(5):  # the poll asked to be held for 60 s
        await server.stop()
        assert await poll == {"ok": True, "result": []}
