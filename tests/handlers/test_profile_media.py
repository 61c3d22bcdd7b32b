"""Profile with a photo: the avatar step, the photo screen and leaving it, and Download my data
as a JSON document."""

from __future__ import annotations

import json

import pytest
from aiogram.types import BufferedInputFile

from bot.fake_telegram import FakeSession, MessageState, assert_every_callback_answered_once
from bot.handlers import profile
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_coupon, make_order

AVATAR = "AgACAgIAAxkBAAE-avatar-large"


def _photo(file_id: str = AVATAR) -> dict[str, object]:
    """A photo as Telegram delivers it: several sizes, the largest not necessarily last."""
    sizes = [(90, f"{file_id}-s"), (1280, file_id), (320, f"{file_id}-m")]
    return {
        "photo": [
            {"file_id": fid, "file_unique_id": f"u{side}", "width": side, "height": side}
            for side, fid in sizes
        ]
    }


def _last(harness: BotHarness) -> MessageState:
    """What the buyer is looking at: the bot's latest message."""
    message = harness.server.last_message(1001)
    assert message is not None
    return message


async def _anna_with_avatar(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🖼 Avatar")
    await anna.send_content(_photo())


async def test_a_photo_becomes_the_avatar_and_the_profile_is_shown_with_it(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("🖼 Avatar")
    assert anna.screen == "🖼 Send a photo for your avatar. /cancel keeps things as they are."
    assert anna.buttons == [["⬅️ Profile"]]
    await anna.send("here it is")
    assert anna.screen == (
        "That is not a photo. Send a picture as a photo (not as a file), or /cancel."
    )
    await anna.send_content(_photo())

    sent = harness.server.calls_of("sendPhoto")[-1].params
    assert sent["photo"] == AVATAR
    shown = harness.server.last_message(1001)
    assert shown is not None and shown.payload["photo"][0]["file_id"] == AVATAR
    assert anna.screen.startswith("👤 Profile\n\nName: Anna\n")
    assert anna.buttons[0] == ["✏️ Name", "📧 E-mail"]
    await anna.send("/profile")
    assert harness.server.calls_of("sendPhoto")[-1].params["photo"] == AVATAR


async def test_leaving_the_photo_profile_replaces_it_with_a_text_screen(
    harness: BotHarness,
) -> None:
    await _anna_with_avatar(harness)
    anna = harness.buyer()
    photo_screen = harness.server.last_message(1001)
    assert photo_screen is not None
    harness.server.clear()

    await anna.press("✏️ Name")

    assert harness.server.message(1001, photo_screen.message_id) is None
    assert anna.screen.startswith("✏️ Send the name")
    await anna.send("Anya")
    assert anna.screen.startswith("👤 Profile\n\nName: Anya\n")  # the caption, with the photo
    await anna.press("🏠 My cabinet")
    assert "My cabinet · Anya" in anna.screen
    assert harness.server.calls_of("editMessageText") == []  # a photo is never edited into text
    assert_every_callback_answered_once(harness.server)


async def test_coming_back_to_the_photo_profile_sends_it_anew(harness: BotHarness) -> None:
    await _anna_with_avatar(harness)
    anna = harness.buyer()
    await anna.press("💱 Currency")
    currency_screen = harness.server.last_message(1001)
    assert currency_screen is not None and currency_screen.text is not None

    await anna.press("Euro (EUR)")

    assert harness.server.message(1001, currency_screen.message_id) is None
    assert harness.server.calls_of("sendPhoto")[-1].params["photo"] == AVATAR
    assert "Currency: Euro (EUR)\n" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_the_avatar_can_be_removed(harness: BotHarness) -> None:
    await _anna_with_avatar(harness)
    anna = harness.buyer()
    await anna.press("🖼 Avatar")
    assert anna.screen.endswith("Or remove the avatar you have.")
    assert anna.buttons == [["🗑 Remove avatar"], ["⬅️ Profile"]]

    await anna.press("🗑 Remove avatar")

    assert anna.last_answer["text"] == "🗑 Avatar removed"
    shown = harness.server.last_message(1001)
    assert shown is not None and shown.text is not None and "photo" not in shown.payload
    photos = len(harness.server.calls_of("sendPhoto"))
    await anna.send("/profile")
    assert len(harness.server.calls_of("sendPhoto")) == photos
    assert (_last(harness).text or "").startswith("👤 Profile")
    assert_every_callback_answered_once(harness.server)


async def test_cancel_keeps_the_avatar_as_it_was(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🖼 Avatar")

    await anna.send("/cancel")
    assert anna.screen == "Cancelled. Nothing was saved."
    await anna.send_content(_photo())

    assert harness.server.calls_of("sendPhoto") == []


async def test_an_avatar_telegram_no_longer_knows_leaves_the_text_profile(
    harness: BotHarness,
) -> None:
    await _anna_with_avatar(harness)
    anna = harness.buyer()
    harness.server.fail_next(
        "sendPhoto", 400, "Bad Request: wrong file identifier/HTTP URL specified"
    )

    await anna.send("/profile")

    assert anna.screen.startswith("👤 Profile")
    assert _last(harness).text is not None


async def test_a_profile_too_long_for_a_caption_goes_below_the_photo(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _anna_with_avatar(harness)
    anna = harness.buyer()
    monkeypatch.setattr(profile, "CAPTION_LIMIT", 50)

    await anna.send("/profile")

    photo, text = harness.server.messages_in(1001)[-2:]
    assert photo.payload["photo"][0]["file_id"] == AVATAR and photo.caption is None
    assert text.text is not None and text.text.startswith("👤 Profile")
    assert anna.buttons[0] == ["✏️ Name", "📧 E-mail"]


async def test_the_longest_name_and_e_mail_fit_in_a_caption(harness: BotHarness) -> None:
    user = await make_buyer(harness.uow(), 1001, harness.clock.now())
    async with harness.uow() as uow:
        row = await uow.users.by_id(user.id)
        assert row is not None
        row.email, row.first_name = "a" * 64 + "@" + "b" * 185 + ".com", "Ж" * 64
        row.avatar_file_id = AVATAR
        await uow.commit()
    anna = harness.buyer()

    await anna.send("/profile")

    assert harness.server.calls_of("sendPhoto")[-1].ok
    assert _last(harness).caption.startswith("👤 Profile")  # type: ignore[union-attr]


async def test_download_my_data_sends_one_json_document(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_order(uow, user, now, title="Lamp")
    await make_coupon(uow, user, now)
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("📦 Download my data")

    [call] = harness.server.calls_of("sendDocument")
    assert call.ok
    document = harness.server.last_message(1001)
    assert document is not None and "document" in document.payload
    assert (document.caption or "").startswith(
        "📦 Everything the cabinet keeps about you, as of Nov 26, 2026: profile, orders"
    )
    session: FakeSession = harness.bot.session  # type: ignore[assignment]
    upload = session.uploaded_files[call.params["document"].removeprefix("attach://")]
    assert isinstance(upload, BufferedInputFile)
    assert upload.filename == "cabinet-data-2026-11-26.json"
    data = json.loads(upload.data)
    assert data["profile"]["name"] == "Anna"
    assert [item["title"] for item in data["orders"][0]["items"]] == ["Lamp"]
    assert len(data["coupons"]) == 1
    assert "password" not in upload.data.decode()
    assert anna.buttons[0] == ["✏️ Name", "📧 E-mail"]  # the profile stays as it was
    assert_every_callback_answered_once(harness.server)


async def test_avatar_steps_in_russian(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code="ru")
    anna = harness.buyer(language_code="ru")
    await anna.send("/profile")

    await anna.press("🖼 Аватар")
    assert anna.screen.startswith("🖼 Пришлите фото для аватара.")
    await anna.send("вот")
    assert anna.screen.startswith("Это не фото.")
    await anna.send_content(_photo())
    assert anna.screen.startswith("👤 Профиль")
    await anna.press("🖼 Аватар")
    await anna.press("🗑 Удалить аватар")
    assert anna.last_answer["text"] == "🗑 Аватар удалён"
    await anna.press("📦 Скачать мои данные")
    assert (_last(harness).caption or "").startswith("📦 Всё, что кабинет хранит о вас")
    assert_every_callback_answered_once(harness.server)
