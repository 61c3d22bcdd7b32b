"""getFile and file downloads in the fake, as Telegram answers them: through the in-process
session and over real HTTP with aiogram's own AiohttpSession."""

from __future__ import annotations

import io

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiohttp import ClientResponseError

from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.files import DOWNLOAD_LIMIT
from bot.fake_telegram.http import FakeBotAPIServer

JPEG = b"\xff\xd8\xff\xe0" + b"x" * 150_000 + b"\xff\xd9"  # larger than one chunk


async def test_a_known_file_is_described_and_downloaded(bot: Bot, server: FakeBotAPI) -> None:
    server.files.add("AgAC-photo", JPEG)

    file = await bot.get_file("AgAC-photo")
    assert (file.file_size, file.file_path) == (len(JPEG), "photos/file_0.jpg")
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert isinstance(downloaded, io.BytesIO) and downloaded.getvalue() == JPEG


async def test_unknown_and_too_big_files_are_refused_like_telegram(
    bot: Bot, server: FakeBotAPI
) -> None:
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("no-such-file")
    server.files.add("huge", b"0" * (DOWNLOAD_LIMIT + 1))
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file("huge")
    with pytest.raises(ClientResponseError) as missing:
        await bot.download_file("photos/file_99.jpg")
    assert missing.value.status == 404


async def test_files_are_served_over_http_to_aiogram() -> None:
    api = FakeBotAPI()
    api.files.add("AgAC-photo", JPEG)
    server = FakeBotAPIServer(api, "42:TEST")
    base = await server.start()
    bot = Bot("42:TEST", session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    try:
        file = await bot.get_file("AgAC-photo")
        assert file.file_path is not None
        chunks = [
            chunk
            async for chunk in bot.session.stream_content(
                bot.session.api.file_url(bot.token, file.file_path)
            )
        ]
        assert b"".join(chunks) == JPEG
        with pytest.raises(ClientResponseError):
            await bot.download_file("photos/nothing.jpg")
    finally:
        await bot.session.close()
        await server.stop()
