"""Feedback photos reach the marketplace in a form it can fetch: the feedback events carry
file references, and `GET /api/v1/files/{file_ref}` streams the photo from Telegram (the
fake, serving the file over HTTP or in process); the buyer leaves the feedback through the
bot (en and ru)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.api.app import build_api
from bot.api.files import TelegramFiles
from bot.api.metrics import Metrics
from bot.db.enums import OrderStatus
from bot.db.models import OutboundEvent
from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.http import FakeBotAPIServer
from bot.services.feedback import buyer as feedback
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.api.conftest import AUTH, TOKEN
from tests.conftest import BotHarness, make_settings
from tests.factories import make_buyer, make_order

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400 + b"\xff\xd9"
BUTTONS = {
    "en": {"skip": "⏭ Skip", "done": "✅ Done", "submit": "✅ Submit"},
    "ru": {"skip": "⏭ Пропустить", "done": "✅ Готово", "submit": "✅ Отправить"},
}


def _photo(file_id: str) -> dict[str, Any]:
    sizes = [(90, f"{file_id}-small"), (1280, file_id)]
    return {
        "photo": [
            {"file_id": fid, "file_unique_id": f"u-{fid}", "width": side, "height": side}
            for side, fid in sizes
        ]
    }


async def _events(harness_or_factory: Any, kind: str) -> list[dict[str, Any]]:
    async with harness_or_factory() as session:
        query = select(OutboundEvent).where(OutboundEvent.kind == kind).order_by(OutboundEvent.id)
        return [row.payload for row in await session.scalars(query)]


@pytest.fixture
async def telegram_over_http() -> AsyncIterator[tuple[FakeBotAPI, Bot]]:
    """The fake Telegram served over real HTTP, and a bot talking to it with aiogram's own
    AiohttpSession, as in production."""
    api = FakeBotAPI()
    server = FakeBotAPIServer(api, "42:TEST")
    base = await server.start()
    bot = Bot("42:TEST", session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    try:
        yield api, bot
    finally:
        await bot.session.close()
        await server.stop()


async def test_a_feedback_photo_is_fetched_through_the_api_from_telegram(
    harness: BotHarness, telegram_over_http: tuple[FakeBotAPI, Bot]
) -> None:
    telegram, bot = telegram_over_http
    telegram.files.add("AgAC-lamp", JPEG)
    now, rules = harness.clock.now(), FeedbackRules()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED)
    ratings = Ratings(5, 5, 5, 5)
    photos = ["AgAC-lamp", "AgAC-of-another-bot"]
    await feedback.leave_feedback(harness.uow(), user.id, order.id, ratings, "", photos, now, rules)
    [event] = await _events(harness.database.session_factory, "feedback.left")
    assert event["photos"] == 2
    lamp, foreign = event["photo_refs"]

    settings = make_settings(api_token=TOKEN)
    factory = harness.database.session_factory
    app = build_api(settings, factory, harness.clock, Metrics(), files=TelegramFiles(bot))
    async with TestClient(TestServer(app)) as client:
        response = await client.get(f"/api/v1/files/{lamp}", headers=AUTH)
        assert (response.status, response.content_type) == (200, "image/jpeg")
        assert await response.read() == JPEG
        assert (await client.get(f"/api/v1/files/{lamp}")).status == 401
        refused = await client.get(f"/api/v1/files/{foreign}", headers=AUTH)
        assert refused.status == 502
        assert (await refused.json())["error"]["code"] == "file_unavailable"
        for unknown in ("fbp-999999", "fbp-0", "AgAC-lamp", "..%2Fetc"):
            missing = await client.get(f"/api/v1/files/{unknown}", headers=AUTH)
            assert missing.status == 404, unknown

    without_bot = build_api(settings, factory, harness.clock, Metrics())
    async with TestClient(TestServer(without_bot)) as client:
        response = await client.get(f"/api/v1/files/{lamp}", headers=AUTH)
        assert response.status == 503
        assert (await response.json())["error"]["code"] == "files_unavailable"


async def test_a_download_telegram_refuses_is_a_502_and_the_log_never_shows_the_token(
    harness: BotHarness,
    telegram_over_http: tuple[FakeBotAPI, Bot],
    caplog: pytest.LogCaptureFixture,
) -> None:
    telegram, bot = telegram_over_http
    now, rules = harness.clock.now(), FeedbackRules()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED)
    ratings, photos = Ratings(5, 5, 5, 5), ["AgAC"]
    await feedback.leave_feedback(harness.uow(), user.id, order.id, ratings, "", photos, now, rules)
    [event] = await _events(harness.database.session_factory, "feedback.left")
    [ref] = event["photo_refs"]
    stored = telegram.files.add("AgAC", JPEG)

    class ExpiredPath(TelegramFiles):  # getFile answers, its path is gone by the download
        async def open(self, file_id: str) -> tuple[str, AsyncIterator[bytes]]:
            path, chunks = await super().open(file_id)
            telegram.files.expire(stored.path)
            return path, chunks

    factory = harness.database.session_factory
    settings = make_settings(api_token=TOKEN)
    app = build_api(settings, factory, harness.clock, Metrics(), files=ExpiredPath(bot))
    async with TestClient(TestServer(app)) as client:
        response = await client.get(f"/api/v1/files/{ref}", headers=AUTH)
    assert response.status == 502
    assert "not fetched from Telegram: ClientResponseError 404" in caplog.text
    assert "42:TEST" not in caplog.text


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_photos_sent_to_the_bot_reach_the_marketplace(harness: BotHarness, lang: str) -> None:
    buttons = BUTTONS[lang]
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED, title="Lamp")
    harness.server.files.add("AgAC-1", JPEG)
    harness.server.files.add("AgAC-2", JPEG[::-1])
    anna = harness.buyer(language_code=lang)
    await anna.send("/feedback")
    await anna.press(f"⭐ №{order.number} · Lamp")
    for _ in range(4):
        await anna.press("5⭐")
    await anna.press(buttons["skip"])
    await anna.send_content(_photo("AgAC-1"))
    await anna.send_content(_photo("AgAC-2"))
    await anna.press(buttons["done"])
    await anna.press(buttons["submit"])

    [event] = await _events(harness.database.session_factory, "feedback.left")
    assert event["photos"] == len(event["photo_refs"]) == 2
    app = build_api(
        make_settings(api_token=TOKEN),
        harness.database.session_factory,
        harness.clock,
        Metrics(),
        files=TelegramFiles(harness.bot),
    )
    async with TestClient(TestServer(app)) as client:
        bodies = []
        for ref in event["photo_refs"]:
            response = await client.get(f"/api/v1/files/{ref}", headers=AUTH)
            assert response.status == 200
            bodies.append(await response.read())
    assert bodies == [JPEG, JPEG[::-1]]  # the largest size of each photo, in order
