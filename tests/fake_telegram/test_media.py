"""Editing media messages in the fake Bot API: captions and media change only on media
messages, with Telegram's words when they cannot, and through a real aiogram Bot."""

from __future__ import annotations

import json
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InputMediaPhoto

from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.rules import NOT_MODIFIED
from tests.fake_telegram.conftest import keyboard

CHAT = 1001


def _photo(server: FakeBotAPI, caption: str = "old") -> int:
    _, body = server.handle("sendPhoto", {"chat_id": CHAT, "photo": "PHOTO1", "caption": caption})
    return int(body["result"]["message_id"])


def _error(response: tuple[int, dict[str, Any]]) -> str:
    status, body = response
    assert status == 400 and body["ok"] is False
    return str(body["description"])


def test_a_caption_is_edited_on_a_media_message_only(server: FakeBotAPI) -> None:
    photo = _photo(server)
    _, sent = server.handle("sendMessage", {"chat_id": CHAT, "text": "plain"})
    text_id = sent["result"]["message_id"]
    markup = keyboard([("Back", "b")])

    status, body = server.handle(
        "editMessageCaption",
        {"chat_id": CHAT, "message_id": photo, "caption": "<b>new</b>", "parse_mode": "HTML"}
        | {"reply_markup": markup},
    )

    assert status == 200
    assert body["result"]["caption"] == "new"
    assert body["result"]["reply_markup"] == json.loads(markup)
    assert "edit_date" in body["result"]
    on_text = {"chat_id": CHAT, "message_id": text_id, "caption": "x"}
    assert _error(server.handle("editMessageCaption", on_text)) == (
        "Bad Request: there is no caption in the message to edit"
    )
    same = {"chat_id": CHAT, "message_id": photo, "caption": "<b>new</b>", "parse_mode": "HTML"}
    assert _error(server.handle("editMessageCaption", same | {"reply_markup": markup})) == (
        NOT_MODIFIED
    )
    too_long = {"chat_id": CHAT, "message_id": photo, "caption": "c" * 1025}
    assert _error(server.handle("editMessageCaption", too_long)) == (
        "Bad Request: message caption is too long"
    )
    photo_on_text = {"chat_id": CHAT, "message_id": text_id, "text": "y"}
    assert server.handle("editMessageText", photo_on_text)[0] == 200
    text_on_photo = {"chat_id": CHAT, "message_id": photo, "text": "y"}
    assert _error(server.handle("editMessageText", text_on_photo)) == (
        "Bad Request: there is no text in the message to edit"
    )


def test_an_empty_caption_removes_it(server: FakeBotAPI) -> None:
    photo = _photo(server)
    _, body = server.handle("editMessageCaption", {"chat_id": CHAT, "message_id": photo})
    assert "caption" not in body["result"]
    state = server.message(CHAT, photo)
    assert state is not None and state.caption is None


def test_media_replaces_media_only(server: FakeBotAPI) -> None:
    photo = _photo(server)
    _, sent = server.handle("sendMessage", {"chat_id": CHAT, "text": "plain"})
    new_media = json.dumps({"type": "photo", "media": "PHOTO2", "caption": "fresh"})

    _, body = server.handle(
        "editMessageMedia", {"chat_id": CHAT, "message_id": photo, "media": new_media}
    )

    assert body["result"]["photo"][0]["file_id"] == "PHOTO2"
    assert body["result"]["caption"] == "fresh"
    on_text = {"chat_id": CHAT, "message_id": sent["result"]["message_id"], "media": new_media}
    assert _error(server.handle("editMessageMedia", on_text)) == (
        "Bad Request: there is no media in the message to edit"
    )
    again = {"chat_id": CHAT, "message_id": photo, "media": new_media}
    assert _error(server.handle("editMessageMedia", again)) == NOT_MODIFIED
    as_document = json.dumps({"type": "document", "media": "attach://file"})
    _, body = server.handle(
        "editMessageMedia", {"chat_id": CHAT, "message_id": photo, "media": as_document}
    )
    assert "photo" not in body["result"]
    assert body["result"]["document"]["file_id"].startswith("fake-document-")
    broken = {"chat_id": CHAT, "message_id": photo, "media": "{"}
    assert _error(server.handle("editMessageMedia", broken)) == (
        "Bad Request: can't parse InputMedia JSON object"
    )


async def test_aiogram_edits_captions_and_media_through_the_fake(
    bot: Bot, server: FakeBotAPI
) -> None:
    sent = await bot.send_photo(CHAT, "PHOTO1", caption="<i>old</i>")

    edited = await bot.edit_message_caption(
        chat_id=CHAT, message_id=sent.message_id, caption="<b>new</b>"
    )
    assert not isinstance(edited, bool) and edited.caption == "new"
    replaced = await bot.edit_message_media(
        InputMediaPhoto(media="PHOTO2", caption="third"), chat_id=CHAT, message_id=sent.message_id
    )
    assert not isinstance(replaced, bool) and replaced.photo is not None
    assert replaced.photo[-1].file_id == "PHOTO2"
    text = await bot.send_message(CHAT, "plain")
    try:
        await bot.edit_message_caption(chat_id=CHAT, message_id=text.message_id, caption="x")
    except TelegramBadRequest as error:
        assert "there is no caption in the message to edit" in error.message
    else:
        raise AssertionError("a text message got a caption")
