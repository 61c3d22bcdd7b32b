"""Through the bot (en and ru): addresses and profile changes made in Telegram reach the
marketplace as outbound events, one per saved change, with what changed."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram.utils.i18n import I18n
from sqlalchemy import select

from bot.db.models import OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.addresses import book
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.services.test_address_book import BERLIN, MOSCOW


async def _events(harness: BotHarness, after: int = 0) -> list[dict[str, Any]]:
    async with harness.uow() as uow:
        query = select(OutboundEvent).where(OutboundEvent.id > after).order_by(OutboundEvent.id)
        return [row.payload for row in await uow.session.scalars(query)]


async def _last_id(harness: BotHarness) -> int:
    async with harness.uow() as uow:
        rows = list(await uow.session.scalars(select(OutboundEvent.id)))
        return max(rows, default=0)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_addresses_changed_in_the_bot_reach_the_marketplace(
    harness: BotHarness, i18n: I18n, lang: str
) -> None:
    def _(text: str) -> str:
        return i18n.gettext(text, locale=lang)

    now = harness.clock.now()
    buyer = await make_buyer(harness.uow(), 1001, now, language_code=lang, external_id="b-7")
    berlin = await book.add_address(harness.uow(), buyer.id, BERLIN, now)
    moscow = await book.add_address(harness.uow(), buyer.id, MOSCOW, now)
    seen = await _last_id(harness)
    anna = harness.buyer(language_code=lang)

    await anna.send("/addresses")
    await anna.press(next(t for row in anna.buttons for t in row if "Анна Петрова" in t))
    await anna.press(_("⭐ Set as default"))
    await anna.press(_("🗑 Delete"))
    await anna.press(_("🗑 Yes, delete"))

    events = await _events(harness, seen)
    assert [(e["kind"], e["address_id"]) for e in events] == [
        ("address.default_changed", moscow.id),
        ("address.deleted", moscow.id),
        ("address.default_changed", berlin.id),
    ]
    assert {e["external_id"] for e in events} == {"b-7"}
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_profile_changes_in_the_bot_reach_the_marketplace(
    harness: BotHarness, i18n: I18n, lang: str
) -> None:
    def _(text: str) -> str:
        return i18n.gettext(text, locale=lang)

    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    seen = await _last_id(harness)
    anna = harness.buyer(language_code=lang)
    await anna.send("/profile")
    await anna.press(_("✏️ Name"))
    await anna.send("Anna-Maria")
    await anna.press(_("💱 Currency"))
    await anna.press(next(t for row in anna.buttons for t in row if "(EUR)" in t))

    events = await _events(harness, seen)
    assert [(e["kind"], e["changes"]) for e in events] == [
        ("buyer.profile_changed", {"name": "Anna-Maria"}),
        ("buyer.profile_changed", {"display_currency": "EUR"}),
    ]
    assert_every_callback_answered_once(harness.server)
