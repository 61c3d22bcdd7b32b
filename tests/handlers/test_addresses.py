"""Shipping addresses through the dispatcher: the list, the card, the default, deleting with
a question, the limit, and buttons for someone else's address."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.db.models import User
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import AddressAction, AddressCb, AddressFormAction, FormCb
from bot.services.addresses import book as address_book
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.services.test_address_book import BERLIN, MOSCOW

NOT_AVAILABLE = "This address is not available. It may have been deleted."


async def _anna_with_addresses(harness: BotHarness, language_code: str = "en") -> User:
    """Berlin (the default, added first) and Moscow (newer)."""
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=language_code)
    await address_book.add_address(harness.uow(), user.id, BERLIN, now)
    later = now + timedelta(minutes=1)
    await address_book.add_address(harness.uow(), user.id, MOSCOW, later)
    return user


async def test_the_list_marks_the_default_and_the_card_shows_the_whole_address(
    harness: BotHarness,
) -> None:
    await _anna_with_addresses(harness)
    anna = harness.buyer()

    await anna.send("/addresses")

    assert anna.screen == (
        "📍 Shipping addresses · 2 of 10\n\n"
        "1. ⭐ Anna Schmidt · Berlin · Germany\n"
        "2. Анна Петрова · Москва · Russia\n\n"
        "⭐ marks the default address: orders are shipped there unless you choose another."
    )
    assert anna.buttons == [
        ["⭐ Anna Schmidt · Berlin · Germany"],
        ["Анна Петрова · Москва · Russia"],
        ["➕ Add address"],
        ["🏠 My cabinet"],
    ]
    await anna.press("Анна Петрова · Москва · Russia")
    assert anna.screen == (
        "📍 Shipping address\n\nАнна Петрова\n📱 +7 912 345-67-89\n"
        "ул. Тверская, д. 7, кв. 12\nМосква, Москва, 125009\nRussia"
    )
    assert anna.buttons == [
        ["✏️ Edit"],
        ["⭐ Set as default"],
        ["🗑 Delete"],
        ["⬅️ Back", "🏠 My cabinet"],
    ]
    await anna.press("🏠 My cabinet")
    assert anna.screen.startswith("👤 My cabinet")
    assert_every_callback_answered_once(harness.server)


async def test_setting_the_default_moves_the_star(harness: BotHarness) -> None:
    await _anna_with_addresses(harness)
    anna = harness.buyer()
    await anna.send("/addresses")
    await anna.press("Анна Петрова · Москва · Russia")

    await anna.press("⭐ Set as default")

    assert anna.last_answer["text"] == "⭐ This is now your default address."
    assert anna.screen.startswith("📍 Shipping address\n⭐ Default address\n\nАнна Петрова")
    assert ["⭐ Set as default"] not in anna.buttons
    await anna.press("⬅️ Back")
    assert anna.buttons[:2] == [
        ["⭐ Анна Петрова · Москва · Russia"],
        ["Anna Schmidt · Berlin · Germany"],
    ]
    assert_every_callback_answered_once(harness.server)


async def test_deleting_asks_first_and_the_newest_becomes_the_default(
    harness: BotHarness,
) -> None:
    await _anna_with_addresses(harness)
    anna = harness.buyer()
    await anna.send("/addresses")
    await anna.press("⭐ Anna Schmidt · Berlin · Germany")

    await anna.press("🗑 Delete")
    assert anna.screen == (
        "🗑 Delete this address?\n\nAnna Schmidt\n📱 +49 1512 3456789\n"
        "Unter den Linden 77\nBerlin, Berlin, 10117\nGermany"
    )
    assert anna.buttons == [["🗑 Yes, delete", "No"]]
    await anna.press("No")
    assert anna.screen.startswith("📍 Shipping address\n⭐ Default address\n\nAnna Schmidt")
    await anna.press("🗑 Delete")
    await anna.press("🗑 Yes, delete")

    assert anna.last_answer["text"] == (
        "🗑 Address deleted. Your default address is now: ⭐ Анна Петрова · Москва · Russia"
    )
    assert anna.screen.startswith("📍 Shipping addresses · 1 of 10\n\n1. ⭐ Анна Петрова")
    await anna.press("⭐ Анна Петрова · Москва · Russia")
    await anna.press("🗑 Delete")
    await anna.press("🗑 Yes, delete")
    assert anna.last_answer["text"] == "🗑 Address deleted."
    assert "You have no shipping addresses yet." in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_the_eleventh_address_is_refused_before_the_form_opens(
    harness: BotHarness,
) -> None:
    user = await _anna_with_addresses(harness)
    for minute in range(8):
        details = replace(BERLIN, city=f"Town {minute}")
        await address_book.add_address(harness.uow(), user.id, details, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/addresses")
    assert "10 of 10" in anna.screen

    await anna.press("➕ Add address")

    assert anna.last_answer["text"] == (
        "You can keep at most 10 addresses. Delete one to add another."
    )
    assert anna.last_answer["show_alert"] == "true"
    assert "10 of 10" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_forged_button_for_another_buyers_address_reveals_nothing(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    boris = await make_buyer(harness.uow(), 2002, now, name="Boris")
    secret = replace(MOSCOW, recipient="Boris Secret", street="Hidden Lane 1")
    borises = await address_book.add_address(harness.uow(), boris.id, secret, now)
    await _anna_with_addresses(harness)
    anna = harness.buyer()
    await anna.send("/addresses")
    before = anna.screen

    for action in AddressAction:
        await anna.press_data(AddressCb(action=action, address_id=borises.id).pack())
        assert anna.last_answer["text"] == NOT_AVAILABLE
        assert anna.last_answer["show_alert"] == "true"
        assert anna.screen == before

    kept = await address_book.get_address(harness.uow(), boris.id, borises.id)
    assert kept.is_default and kept.street == "Hidden Lane 1"
    for data in ("adr:o:abc", "adr:zz:1", "adl:q"):
        await anna.press_data(data)
        assert anna.last_answer["text"] == (
            "This button is out of date. Open the cabinet again with /menu."
        )
    await anna.press_data(FormCb(action=AddressFormAction.SAVE).pack())  # no form open
    assert anna.last_answer["text"] == (
        "This form has expired. Open your addresses and start again."
    )
    texts = [str(call.params) for call in harness.server.calls]
    assert not any("Boris Secret" in text or "Hidden Lane" in text for text in texts)
    assert_every_callback_answered_once(harness.server)


async def test_in_russian_the_list_and_the_card_name_countries_in_russian(
    harness: BotHarness,
) -> None:
    await _anna_with_addresses(harness, language_code="ru")
    anna = harness.buyer(language_code="ru")

    await anna.send("/addresses")

    assert "1. ⭐ Anna Schmidt · Berlin · Германия\n2. Анна Петрова · Москва · Россия" in (
        anna.screen
    )
    assert anna.buttons[-1] == ["🏠 Мой кабинет"]
    await anna.press("⭐ Anna Schmidt · Berlin · Германия")
    assert anna.screen.endswith("Berlin, Berlin, 10117\nГермания")
    assert anna.buttons[-1] == ["⬅️ Назад", "🏠 Мой кабинет"]
    await anna.press("⬅️ Назад")
    assert "2. Анна Петрова · Москва · Россия" in anna.screen
    assert_every_callback_answered_once(harness.server)
