"""The address form through the dispatcher: every step with its reason when refused, the
country search, the phone's contact button, Back, Cancel and /cancel, and editing."""

from __future__ import annotations

import json

from aiogram.fsm.storage.base import StorageKey

from bot.fake_telegram import ChatClient, RecordedCall, assert_every_callback_answered_once
from bot.services.addresses import book as address_book
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.services.test_address_book import BERLIN

PHONE_KEYBOARD = [["📱 Share my phone"], ["◀️ Back", "✖️ Cancel"]]


async def _anna(harness: BotHarness, language_code: str = "en") -> ChatClient:
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=language_code)
    return harness.buyer(language_code=language_code)


async def _start_form(
    anna: ChatClient, name: str = "Anna Schmidt", add: str = "➕ Add address"
) -> None:
    await anna.send("/addresses")
    await anna.press(add)
    await anna.send(name)


async def _form_data(harness: BotHarness, anna: ChatClient) -> tuple[str | None, dict]:
    key = StorageKey(bot_id=harness.bot.id, chat_id=anna.user_id, user_id=anna.user_id)
    storage = harness.dispatcher.fsm.storage
    return await storage.get_state(key), await storage.get_data(key)


def _text_of(anna: ChatClient, message_id: int) -> str | None:
    state = anna.server.message(anna.user_id, int(message_id))
    assert state is not None
    return state.text


def _bot_texts(calls: list[RecordedCall]) -> list[str]:
    return [call.params["text"] for call in calls if call.method == "sendMessage"]


async def test_adding_an_address_step_by_step_with_refusals_explained(
    harness: BotHarness,
) -> None:
    anna = await _anna(harness)
    await anna.send("/addresses")
    assert anna.screen == (
        "📍 Shipping addresses\n\nYou have no shipping addresses yet. Add one, and it is ready "
        "when you order on the marketplace."
    )
    assert anna.buttons == [["➕ Add address"], ["🏠 My cabinet"]]

    await anna.press("➕ Add address")
    assert anna.screen.startswith("📍 Step 1 of 7 · Recipient\n\nWho will receive the parcel?")
    assert anna.buttons == [["✖️ Cancel"]]  # nothing before the first step
    await anna.send("R2-D2")
    assert anna.screen.startswith(
        "📍 Step 1 of 7 · Recipient\n\n⚠️ A name can have only letters, spaces, hyphens, "
        "apostrophes and dots.\n\nWho will receive"
    )
    await anna.send("Anna Schmidt")
    assert anna.screen.startswith("📍 Step 2 of 7 · Country\n\nWhich country is it?")
    assert anna.buttons == [["◀️ Back", "✖️ Cancel"]]

    await anna.send("Atlantis")
    assert "⚠️ No country matches “Atlantis”." in anna.screen
    await anna.send("germ")
    assert anna.screen == (
        "📍 Step 2 of 7 · Country\n\nIs it this country? If not, type the name again."
    )
    assert anna.buttons == [["🇩🇪 Germany"], ["◀️ Back", "✖️ Cancel"]]
    chosen = await anna.press("🇩🇪 Germany")

    assert chosen[0].method == "editMessageText"  # the choice stays in the chat, no buttons
    assert _text_of(anna, chosen[0].params["message_id"]) == (
        "📍 Step 2 of 7 · Country\n\n✅ Germany"
    )
    assert anna.screen.startswith(
        "📍 Step 3 of 7 · Phone\n\nSend the recipient's phone number, e.g. +49 1512 3456789, "
        "or tap “📱 Share my phone” below"
    )
    assert anna.reply_keyboard == PHONE_KEYBOARD
    await anna.send("12345")
    assert "⚠️ There are no such numbers. Check the digits. For example: +49 1512 3456789" in (
        anna.screen
    )
    assert anna.reply_keyboard == PHONE_KEYBOARD
    calls = await anna.send("01512 3456789")

    assert _bot_texts(calls)[0] == "📱 Phone: +49 1512 3456789"
    assert json.loads(calls[0].params["reply_markup"]) == {"remove_keyboard": True}
    assert anna.reply_keyboard == []
    assert anna.screen.startswith("📍 Step 4 of 7 · Region")
    await anna.send("🏰🏰")
    assert "⚠️ Use only letters, digits, punctuation and the signs № # & + / °." in anna.screen
    await anna.send("Berlin")
    assert anna.screen.startswith("📍 Step 5 of 7 · City")
    await anna.send("Berlin")
    await anna.send("Unter den Linden")
    assert anna.screen.startswith(
        "📍 Step 6 of 7 · Street and house\n\n⚠️ No house number? Send it again to keep it "
        "as is, or add the number."
    )
    await anna.send("Unter den Linden 77")
    assert anna.screen == "📍 Step 7 of 7 · Postal code\n\nSend the postal code, e.g. 10115."
    await anna.send("1234")
    assert anna.screen.startswith(
        "📍 Step 7 of 7 · Postal code\n\n⚠️ A postal code in Germany looks like 10115."
    )
    await anna.send("10117")

    assert anna.screen == (
        "📍 New address: check it and save.\n\n"
        "Recipient: Anna Schmidt\nCountry: Germany\nPhone: +49 1512 3456789\n"
        "Region: Berlin\nCity: Berlin\nStreet and house: Unter den Linden 77\nPostal code: 10117"
    )
    assert anna.buttons == [["💾 Save"], ["✏️ Edit a field"], ["✖️ Cancel"]]
    await anna.press("💾 Save")

    assert anna.last_answer["text"] == "✅ Address saved."
    assert anna.screen == (
        "📍 Shipping address\n⭐ Default address\n\nAnna Schmidt\n📱 +49 1512 3456789\n"
        "Unter den Linden 77\nBerlin, Berlin, 10117\nGermany"
    )
    assert anna.buttons == [["✏️ Edit"], ["🗑 Delete"], ["⬅️ Back", "🏠 My cabinet"]]
    await anna.press("⬅️ Back")
    assert anna.screen.startswith(
        "📍 Shipping addresses · 1 of 10\n\n1. ⭐ Anna Schmidt · Berlin · Germany"
    )
    assert await _form_data(harness, anna) == (None, {})
    assert_every_callback_answered_once(harness.server)


async def test_the_phone_can_be_shared_with_the_button_but_not_someone_elses(
    harness: BotHarness,
) -> None:
    anna = await _anna(harness)
    await _start_form(anna)
    await anna.send("DE")
    await anna.press("🇩🇪 Germany")

    await anna.send_contact("+79991234567", user_id=2002)
    assert "⚠️ That is someone else's contact." in anna.screen
    assert anna.reply_keyboard == PHONE_KEYBOARD
    # Telegram sends the owner's number without "+": read as international, not German.
    calls = await anna.send_contact("79123456789")

    assert _bot_texts(calls)[0] == "📱 Phone: +7 912 345-67-89"
    assert anna.reply_keyboard == []
    assert anna.screen.startswith("📍 Step 4 of 7 · Region")


async def test_stickers_and_photos_re_ask_the_same_step(harness: BotHarness) -> None:
    anna = await _anna(harness)
    await _start_form(anna)
    sticker = {"sticker": {"file_id": "s1", "file_unique_id": "u1", "type": "regular"}}
    sticker["sticker"] |= {"width": 512, "height": 512, "is_animated": False, "is_video": False}

    await anna.send_content(sticker)
    assert anna.screen.startswith("📍 Step 2 of 7 · Country\n\n⚠️ Please send the answer as text.")
    await anna.send("germany")
    await anna.press("🇩🇪 Germany")
    photo = {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 9, "height": 9}]}
    await anna.send_content(photo)
    assert anna.screen.startswith(
        "📍 Step 3 of 7 · Phone\n\n⚠️ Please type the number or tap “📱 Share my phone”."
    )
    assert anna.reply_keyboard == PHONE_KEYBOARD


async def test_back_goes_one_step_back_and_cancel_leaves_without_saving(
    harness: BotHarness,
) -> None:
    anna = await _anna(harness)
    await _start_form(anna)
    await anna.press("◀️ Back")
    assert anna.screen.startswith("📍 Step 1 of 7 · Recipient")
    assert anna.screen.endswith("Now: Anna Schmidt")
    await anna.send("Anna Schmidt")
    await anna.send("ger")
    assert anna.buttons[:2] == [["🇩🇪 Germany", "🇳🇪 Niger"], ["🇩🇿 Algeria", "🇳🇬 Nigeria"]]
    await anna.press("🇩🇪 Germany")

    calls = await anna.send("◀️ Back")  # the phone step's typed button

    assert _bot_texts(calls)[0] == "◀️ Back to the previous step."
    assert anna.reply_keyboard == []
    assert anna.screen.startswith("📍 Step 2 of 7 · Country")
    assert anna.screen.endswith("Now: Germany")
    await anna.send("germ")
    await anna.press("🇩🇪 Germany")
    calls = await anna.send("✖️ Cancel")

    assert _bot_texts(calls)[0] == "Cancelled. Nothing was saved."
    assert anna.reply_keyboard == []
    assert anna.screen.startswith("📍 Shipping addresses\n\nYou have no shipping addresses yet.")
    assert await _form_data(harness, anna) == (None, {})

    await _start_form(anna, "Boris Ivanov")
    await anna.press("✖️ Cancel")
    assert anna.last_answer["text"] == "Cancelled. Nothing was saved."
    assert anna.screen.startswith("📍 Shipping addresses\n\nYou have no shipping addresses yet.")
    assert_every_callback_answered_once(harness.server)


async def test_slash_cancel_mid_form_forgets_the_draft(harness: BotHarness) -> None:
    anna = await _anna(harness)
    await _start_form(anna)
    await anna.send("germany")
    await anna.press("🇩🇪 Germany")
    await anna.send("+49 1512 3456789")
    region_step = anna.server.last_message(anna.user_id)
    assert (await _form_data(harness, anna))[1]["address_draft"]["phone"] == "+4915123456789"

    await anna.send("/cancel")

    assert anna.screen == "Cancelled. Nothing was saved."
    assert await _form_data(harness, anna) == (None, {})
    await anna.send("Berlin")  # no form any more: not taken as the region
    assert "I did not understand that." in anna.screen
    await anna.press("◀️ Back", message_id=region_step.message_id)
    assert anna.last_answer["text"] == (
        "This form has expired. Open your addresses and start again."
    )
    assert _text_of(anna, region_step.message_id).startswith(  # the pressed screen is the list
        "📍 Shipping addresses\n\nYou have no shipping addresses yet."
    )
    await anna.press("➕ Add address", message_id=region_step.message_id)
    await anna.send("Anna Schmidt")
    assert "Now:" not in anna.screen  # a fresh draft
    assert_every_callback_answered_once(harness.server)


async def test_slash_cancel_on_the_phone_step_removes_its_keyboard(
    harness: BotHarness,
) -> None:
    anna = await _anna(harness)
    await _start_form(anna)
    await anna.send("germany")
    await anna.press("🇩🇪 Germany")
    assert anna.reply_keyboard == PHONE_KEYBOARD
    await anna.send("/cancel")
    assert anna.reply_keyboard == []  # /cancel took the phone keyboard away
    assert anna.screen == "Your cabinet is one tap away."

    await anna.send_contact("+4915123456789")  # a contact shared from an older keyboard

    assert anna.screen == "This form is closed, nothing was saved. Your addresses: /addresses"
    assert anna.reply_keyboard == []
    assert await _form_data(harness, anna) == (None, {})


async def test_editing_opens_the_review_and_a_new_country_asks_for_its_postal_code(
    harness: BotHarness,
) -> None:
    user = await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await address_book.add_address(harness.uow(), user.id, BERLIN, harness.clock.now())
    await anna.send("/addresses")
    await anna.press("⭐ Anna Schmidt · Berlin · Germany")

    await anna.press("✏️ Edit")
    assert anna.screen.startswith("📍 Editing the address: check it and save.\n\nRecipient:")
    await anna.press("✏️ Edit a field")
    assert anna.screen.endswith("Which field do you want to change?")
    await anna.press("City")
    assert anna.screen.startswith("📍 Step 5 of 7 · City")
    assert anna.buttons == [["◀️ Back", "✖️ Cancel"]]
    await anna.send("Potsdam")
    assert "City: Potsdam" in anna.screen  # straight back to the review

    await anna.press("✏️ Edit a field")
    picker = anna.server.last_message(anna.user_id)
    await anna.press("Phone")
    left = anna.server.message(anna.user_id, picker.message_id)
    assert left is not None and left.reply_markup is None  # the screen left keeps no buttons
    assert left.text is not None and left.text.endswith("Which field do you want to change?")
    assert anna.screen.endswith("Now: +49 1512 3456789")
    assert anna.reply_keyboard == PHONE_KEYBOARD
    await anna.send("◀️ Back")
    assert anna.reply_keyboard == []
    assert "Phone: +49 1512 3456789" in anna.screen  # Back from an edited field: the review

    await anna.press("✏️ Edit a field")
    await anna.press("Country")
    await anna.send("росс")
    assert "⚠️ No country matches “росс”." in anna.screen  # an English buyer's names
    await anna.send("russia")
    await anna.press("🇷🇺 Russia")
    assert anna.screen == "📍 Step 7 of 7 · Postal code\n\nSend the postal code, e.g. 101000."
    await anna.send("125009")
    assert "Country: Russia" in anna.screen and "Postal code: 125009" in anna.screen
    await anna.press("💾 Save")

    assert anna.last_answer["text"] == "✅ Address saved."
    assert "Potsdam, Berlin, 125009\nRussia" in anna.screen
    await anna.press("⬅️ Back")
    assert "1. ⭐ Anna Schmidt · Potsdam · Russia" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_country_without_postal_codes_skips_that_step(harness: BotHarness) -> None:
    anna = await _anna(harness)
    await _start_form(anna, "Omar Ali")
    await anna.send("qat")
    await anna.press("🇶🇦 Qatar")
    await anna.send("+974 3312 3456")
    for answer in ("Doha", "Doha", "Al Corniche Street 5"):
        await anna.send(answer)

    assert anna.screen.endswith(
        "Street and house: Al Corniche Street 5\nPostal code: not used in Qatar"
    )
    await anna.press("✏️ Edit a field")
    assert ["Postal code"] not in anna.buttons
    await anna.press("⬅️ Back")
    await anna.press("💾 Save")
    assert "Doha, Doha\nQatar" in anna.screen


async def test_in_russian_countries_are_found_and_named_in_russian(harness: BotHarness) -> None:
    anna = await _anna(harness, language_code="ru")
    await _start_form(anna, "Анна Петрова", "➕ Добавить адрес")
    await anna.send("герм")
    assert anna.buttons[0] == ["🇩🇪 Германия"]
    assert anna.buttons[-1][-1] == "✖️ Отмена"
    await anna.send("germ")  # English names are found too
    assert anna.buttons[0] == ["🇩🇪 Германия"]
    await anna.send("RU")
    await anna.press("🇷🇺 Россия")
    await anna.send("8 912 345-67-89")
    assert anna.screen.startswith("📍")
    for answer in ("Москва", "Москва", "ул. Тверская, д. 7, кв. 12", "125009"):
        await anna.send(answer)
    assert "Россия" in anna.screen and "+7 912 345-67-89" in anna.screen
    await anna.press("💾 Сохранить")
    assert "ул. Тверская, д. 7, кв. 12\nМосква, Москва, 125009\nРоссия" in anna.screen
    await anna.press("⬅️ Назад")
    assert "1. ⭐ Анна Петрова · Москва · Россия" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_where_the_code_format_is_unknown_the_postal_code_may_be_left_out(
    harness: BotHarness,
) -> None:
    anna = await _anna(harness)
    await _start_form(anna, "Lucía Gómez")
    await anna.send("argentina")
    await anna.press("🇦🇷 Argentina")
    await anna.send("+54 9 11 2345-6789")
    for answer in ("Buenos Aires", "Buenos Aires", "Av. Corrientes 1234"):
        await anna.send(answer)
    assert anna.screen == (
        "📍 Step 7 of 7 · Postal code\n\nSend the postal code. If the address has none, "
        "tap “⏭ No postal code”."
    )
    assert anna.buttons == [["⏭ No postal code"], ["◀️ Back", "✖️ Cancel"]]

    await anna.press("⏭ No postal code")

    assert anna.screen.endswith("Postal code: none")
    await anna.press("💾 Save")
    assert "Av. Corrientes 1234\nBuenos Aires, Buenos Aires\nArgentina" in anna.screen
    assert_every_callback_answered_once(harness.server)
