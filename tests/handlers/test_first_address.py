"""Sign-up offers the first shipping address (the marketplace asks for it at registration),
skippable (en and ru): the offer enters the address form, which then leads home, saved or
cancelled; Continue with Telegram offers it too; an account that has one is not asked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import Address, OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.addresses import book
from tests.conftest import BotHarness
from tests.handlers.test_auth import sign_up
from tests.services.test_address_book import BERLIN

TEXTS = {
    "en": {
        "sign_up": "📝 Sign up",
        "telegram": "✈️ Continue with Telegram",
        "offer": "📍 Add a shipping address?",
        "add": "➕ Add a shipping address",
        "skip": "⏭ Skip",
        "germany": ("germ", "🇩🇪 Germany"),
        "save": "💾 Save",
        "saved": "✅ Address saved.",
        "cancel": "✖️ Cancel",
        "home": "My cabinet",
        "step1": "📍 Step 1 of 7",
    },
    "ru": {
        "sign_up": "📝 Регистрация",
        "telegram": "✈️ Продолжить с Telegram",
        "offer": "📍 Добавить адрес доставки?",
        "add": "➕ Добавить адрес доставки",
        "skip": "⏭ Пропустить",
        "germany": ("герм", "🇩🇪 Германия"),
        "save": "💾 Сохранить",
        "saved": "✅ Адрес сохранён.",
        "cancel": "✖️ Отмена",
        "home": "Мой кабинет",
        "step1": "📍 Шаг 1 из 7",
    },
}


async def _addresses(harness: BotHarness) -> list[Address]:
    async with harness.uow() as uow:
        return list(await uow.session.scalars(select(Address)))


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_sign_up_offers_the_first_address_and_the_form_leads_home(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    anna = harness.buyer(language_code=lang)
    await sign_up(harness, anna, "anna@example.com", texts["sign_up"])
    assert (anna.screen or "").startswith(texts["offer"])
    assert anna.buttons == [[texts["add"]], [texts["skip"]]]

    await anna.press(texts["add"])
    assert (anna.screen or "").startswith(texts["step1"])
    await anna.send("Anna Schmidt")
    typed, country = texts["germany"]
    await anna.send(typed)
    await anna.press(country)
    for answer in ("01512 3456789", "Berlin", "Berlin", "Unter den Linden 77", "10117"):
        await anna.send(answer)
    await anna.press(texts["save"])

    assert anna.last_answer is not None and anna.last_answer["text"] == texts["saved"]
    assert texts["home"] in (anna.screen or "")
    [address] = await _addresses(harness)
    assert (address.street, address.is_default) == ("Unter den Linden 77", True)
    async with harness.uow() as uow:
        kinds = list(await uow.session.scalars(select(OutboundEvent.kind)))
    assert kinds == ["buyer.registered", "address.added"]
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_first_address_can_be_skipped_or_cancelled_and_home_follows(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    anna = harness.buyer(language_code=lang)
    await anna.send("/start")
    await anna.press(texts["telegram"])
    assert (anna.screen or "").startswith(texts["offer"])
    await anna.press(texts["add"])
    await anna.send("Anna Schmidt")
    await anna.press(texts["cancel"])
    assert texts["home"] in (anna.screen or "")
    assert await _addresses(harness) == []

    boris = harness.buyer(2002, language_code=lang)
    await boris.send("/start")
    await boris.press(texts["telegram"])
    await boris.press(texts["skip"])
    assert texts["home"] in (boris.screen or "")
    assert_every_callback_answered_once(harness.server)


async def test_an_account_with_an_address_is_not_asked_again(harness: BotHarness) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    async with harness.uow() as uow:
        guest = await uow.users.by_telegram_id(1001)
    assert guest is not None
    await book.add_address(harness.uow(), guest.id, BERLIN, harness.clock.now())
    await anna.press("✈️ Continue with Telegram")
    assert "My cabinet" in (anna.screen or "")
