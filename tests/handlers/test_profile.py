"""Profile through the dispatcher: the screen, the name step, currency and time zone."""

from __future__ import annotations

from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import (
    AddressListCb,
    AuthAction,
    AuthCb,
    CurrencyCb,
    NavAction,
    NavCb,
    ProfileAction,
    ProfileCb,
    TimeZoneCb,
)
from tests.conftest import BotHarness
from tests.factories import make_buyer

PROFILE_BUTTONS = [
    ["✏️ Name", "📧 E-mail"],
    ["🔒 Password", "🌐 Language"],
    ["💱 Currency", "🕒 Time zone"],
    ["🖼 Avatar", "🔔 Notifications"],
    ["🏠 Addresses", "📦 Download my data"],
    ["🚪 Sign out", "🗑 Delete account"],
    ["🏠 My cabinet"],
]


def button_data(harness: BotHarness, chat_id: int = 1001) -> dict[str, str]:
    """Visible text → callback data of the buttons on the latest screen."""
    message = harness.server.last_message(chat_id)
    assert message is not None
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def test_profile_shows_what_the_cabinet_knows_and_every_setting(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/start")

    await anna.press("👤 Profile")

    assert anna.screen == (
        "👤 Profile\n\n"
        "Name: Anna\n"
        "E-mail: not set\n"
        "Language: English\n"
        "Currency: as in each order\n"
        "Time zone: UTC, not chosen yet, now 12:00\u202fPM\n\n"
        "Quiet hours and the daily digest follow your time zone."
    )
    assert anna.buttons == PROFILE_BUTTONS
    data = button_data(harness)
    assert data["📧 E-mail"] == ProfileCb(action=ProfileAction.EMAIL).pack()
    assert data["🔒 Password"] == ProfileCb(action=ProfileAction.PASSWORD).pack()
    assert data["🗑 Delete account"] == ProfileCb(action=ProfileAction.DELETE).pack()
    assert data["🚪 Sign out"] == AuthCb(action=AuthAction.SIGN_OUT).pack()
    assert data["🌐 Language"] == NavCb(action=NavAction.LANGUAGE).pack()
    assert data["🔔 Notifications"] == NavCb(action=NavAction.NOTIFICATIONS).pack()
    assert data["🏠 Addresses"] == AddressListCb().pack()
    assert_every_callback_answered_once(harness.server)


async def test_profile_command_shows_the_e_mail_escaped(harness: BotHarness) -> None:
    user = await make_buyer(harness.uow(), 1001, harness.clock.now())
    async with harness.uow() as uow:
        (await uow.users.by_id(user.id)).email = "a<b>@example.com"  # type: ignore[union-attr]
        await uow.commit()
    anna = harness.buyer()

    await anna.send("/profile")

    assert "E-mail: a<b>@example.com (not confirmed)\n" in anna.screen  # no code came back


async def test_profile_leads_to_language_and_notifications(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("🔔 Notifications")
    assert anna.screen.startswith("🔔 Notifications")
    await anna.send("/profile")
    await anna.press("🌐 Language")
    assert anna.screen == "🌐 Choose the language of the cabinet:"
    assert_every_callback_answered_once(harness.server)


async def test_a_new_name_is_saved_and_used_everywhere(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("✏️ Name")
    assert anna.screen.startswith("✏️ Send the name the cabinet should call you by")
    assert "Now: Anna. /cancel keeps it." in anna.screen
    await anna.send("  Anna-Maria   O’Connor ")

    assert "Name: Anna-Maria O’Connor\n" in anna.screen
    assert anna.buttons == PROFILE_BUTTONS
    await anna.send("/menu")
    assert "My cabinet · Anna-Maria O’Connor" in anna.screen


async def test_a_name_of_any_script_is_accepted(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    for name in ("Анна", "王芳", "अनीता", "D'Artagnan"):
        await anna.send("/profile")
        await anna.press("✏️ Name")
        await anna.send(name)
        assert f"Name: {name}\n" in anna.screen


async def test_a_bad_name_is_asked_again_with_the_reason(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("✏️ Name")
    again = "\nSend your name again, or /cancel."

    await anna.send("Anna2000")
    assert anna.screen == (
        "A name can have letters, spaces, hyphens and apostrophes only: no digits, "
        "emoji or other symbols." + again
    )
    await anna.send("x" * 65)
    assert anna.screen == "That is too long: a name can have at most 64 characters." + again
    await anna.send("- ' -")
    assert anna.screen == "A name needs at least one letter." + again
    await anna.send("\u200b")
    assert anna.screen == "The name cannot be empty." + again
    await anna.send_content({"sticker": _sticker()})
    assert anna.screen == "Please send your name as a text message, or /cancel."

    await anna.send("/cancel")
    assert anna.screen == "Cancelled. Nothing was saved."
    await anna.send("/profile")
    assert "Name: Anna\n" in anna.screen


async def test_back_from_the_name_step_leaves_it(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("✏️ Name")

    await anna.press("⬅️ Profile")
    await anna.send("Boris")

    assert "I did not understand that" in anna.screen
    await anna.send("/profile")
    assert "Name: Anna\n" in anna.screen


async def test_display_currency_is_chosen_from_names_in_the_buyers_language(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("💱 Currency")

    assert anna.screen.startswith("💱 Currency\n\nWhich currency")
    assert anna.buttons[:4] == [
        ["✓ As in each order"],
        ["US Dollar (USD)"],
        ["Euro (EUR)"],
        ["Russian Ruble (RUB)"],
    ]
    assert anna.buttons[-1] == ["⬅️ Profile"]
    await anna.press("Euro (EUR)")
    assert anna.last_answer["text"] == "✅ Saved"
    assert "Currency: Euro (EUR)\n" in anna.screen

    await anna.press("💱 Currency")
    assert ["✓ Euro (EUR)"] in anna.buttons
    await anna.press("As in each order")
    assert "Currency: as in each order\n" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_forged_currency_changes_nothing(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press_data(CurrencyCb(code="XAU").pack())

    assert anna.last_answer["show_alert"] == "true"
    await anna.send("/profile")
    assert "Currency: as in each order\n" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_time_zone_from_the_short_list_moves_the_clock_and_quiet_hours(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press("🕒 Time zone")

    assert anna.screen.startswith("🕒 Time zone\n\nNow: UTC.\n")
    assert anna.buttons[0] == ["New York (UTC\u22125)", "Chicago (UTC\u22126)"]
    assert ["Athens (UTC+2)", "UTC"] in anna.buttons
    assert anna.buttons[-2:] == [["🔎 Find my city"], ["⬅️ Profile"]]
    await anna.press("New York (UTC\u22125)")

    assert anna.last_answer["text"] == "✅ Saved"
    assert "Time zone: New York (UTC\u22125), now 7:00\u202fAM\n" in anna.screen
    await anna.press("🕒 Time zone")
    assert anna.buttons[0][0] == "✓ New York (UTC\u22125)"
    await anna.press("⬅️ Profile")
    await anna.press("🔔 Notifications")
    await anna.press(anna.buttons[0][0])  # quiet hours
    assert "Times are in your time zone: America/New_York." in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_city_is_found_in_english_or_by_its_zone_name(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🕒 Time zone")
    await anna.press("🔎 Find my city")
    assert anna.screen.startswith("🔎 Type your city")

    await anna.send("Atlantis")
    assert anna.screen.startswith("Nothing found for “Atlantis”.")
    assert anna.buttons == [["⬅️ Time zones"]]
    await anna.send_content({"sticker": _sticker()})
    assert anna.screen == "Please type the name of a city, or /cancel."
    await anna.send("asia/tokyo")
    assert anna.screen == "🔎 Time zones for “asia/tokyo”:"
    await anna.send("kolkata")
    assert anna.buttons[0] == ["Kolkata (UTC+5:30)"]
    await anna.send("Calcutta")
    assert anna.buttons[0] == ["Kolkata (UTC+5:30)"]

    await anna.press("Kolkata (UTC+5:30)")

    assert "Time zone: Kolkata (UTC+5:30), now 5:30\u202fPM\n" in anna.screen
    await anna.send("Berlin")
    assert "I did not understand that" in anna.screen  # the search ended with the choice


async def test_a_long_search_says_there_are_more(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🕒 Time zone")
    await anna.press("🔎 Find my city")

    await anna.send("America")

    assert "There are more; type more of the name" in anna.screen
    assert sum(len(row) for row in anna.buttons[:-1]) == 8
    await anna.press("⬅️ Time zones")
    assert anna.screen.startswith("🕒 Time zone")
    await anna.send("/cancel")
    assert anna.screen == "There is nothing to cancel."


async def test_cancel_leaves_the_city_search(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🕒 Time zone")
    await anna.press("🔎 Find my city")

    await anna.send("/cancel")

    assert anna.screen == "Cancelled. Nothing was saved."
    await anna.send("/profile")
    assert "Time zone: UTC, not chosen yet" in anna.screen


async def test_a_forged_time_zone_is_refused(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")

    await anna.press_data(TimeZoneCb(zone="Mars/Olympus").pack())

    assert anna.last_answer["text"] == "That cannot be done right now."
    assert anna.last_answer["show_alert"] == "true"
    assert_every_callback_answered_once(harness.server)


async def test_profile_in_russian_names_currencies_and_cities_in_russian(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code="ru")
    anna = harness.buyer(language_code="ru")

    await anna.send("/profile")

    assert anna.screen.startswith("👤 Профиль\n\nИмя: Anna\nE-mail: не указан\n")
    assert "Язык: Русский\n" in anna.screen
    assert anna.buttons[0] == ["✏️ Имя", "📧 E-mail"]
    await anna.press("💱 Валюта")
    assert anna.buttons[:3] == [["✓ Как в заказе"], ["Доллар США (USD)"], ["Евро (EUR)"]]
    await anna.press("Российский рубль (RUB)")
    assert "Валюта: Российский рубль (RUB)\n" in anna.screen

    await anna.press("🕒 Часовой пояс")
    assert anna.buttons[0] == ["Калининград (UTC+2)", "Москва (UTC+3)"]
    assert anna.buttons[-1] == ["⬅️ Профиль"]
    await anna.press("🔎 Найти мой город")
    await anna.send("новосибирск")
    await anna.press("Новосибирск (UTC+7)")
    assert "Часовой пояс: Новосибирск (UTC+7), сейчас 19:00\n" in anna.screen
    await anna.press("✏️ Имя")
    await anna.send("Анна 1")
    assert anna.screen.startswith("В имени могут быть только буквы")
    await anna.send("Анна")
    assert "Имя: Анна\n" in anna.screen
    assert_every_callback_answered_once(harness.server)


def _sticker() -> dict[str, object]:
    return {
        "file_id": "CAACAgIAAxkBAAE-sticker",
        "file_unique_id": "sticker-1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
