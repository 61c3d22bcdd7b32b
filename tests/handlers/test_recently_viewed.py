"""Recently viewed: opening a card records it (guests too), newest first, remove one, clear
all after asking, how many to keep, pages; a guest's list stays with the account after
signing in (en and ru)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.fake_telegram import assert_every_callback_answered_once
from tests.conftest import BotHarness
from tests.handlers.browse_data import make_product, make_store
from tests.handlers.test_auth import PASSWORD, sign_up

TEXTS = {
    "en": {
        "title": "🕘 Recently viewed",
        "empty": "Nothing here yet.",
        "clear": "🧹 Clear all",
        "yes": "🧹 Yes, clear",
        "cleared": "🧹 Recently viewed cleared.",
        "removed": "Removed from recently viewed.",
        "keep": "⚙️ Keep: 20",
        "kept": "✅ The list keeps 10 products now.",
        "next": "Next ▶️",
    },
    "ru": {
        "title": "🕘 Недавно просмотренные",
        "empty": "Здесь пока пусто.",
        "clear": "🧹 Очистить",
        "yes": "🧹 Да, очистить",
        "cleared": "🧹 Список просмотренных очищен.",
        "removed": "Убрано из просмотренных.",
        "keep": "⚙️ Хранить: 20",
        "kept": "✅ Теперь в списке хранится 10 товаров.",
        "next": "Следующая ▶️",
    },
}


async def _products(harness: BotHarness, count: int) -> list[int]:
    uow, now = harness.uow(), harness.clock.now()
    store = await make_store(uow, "Gadget Store", now)
    return [
        (await make_product(uow, store, {"en": f"Item {n}", "ru": f"Товар {n}"}, now)).id
        for n in range(1, count + 1)
    ]


async def _view(harness: BotHarness, client, ids: list[int]) -> None:
    for product_id in ids:
        await client.send(f"/start p_{product_id}")
        harness.clock.advance(timedelta(minutes=1))


def _titles(client) -> list[str]:
    return [row[0].split(" · ")[0] for row in client.buttons if row[-1] == "✖️"]


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_guest_sees_the_newest_first_removes_one_and_clears_all(
    harness: BotHarness, lang: str
) -> None:
    ids = await _products(harness, 3)
    texts = TEXTS[lang]
    item = "Item" if lang == "en" else "Товар"
    guest = harness.buyer(language_code=lang)
    await guest.send("/recent")
    assert texts["empty"] in (guest.screen or "")

    await _view(harness, guest, [ids[0], ids[1], ids[2], ids[0]])
    await guest.send("/recent")

    assert texts["title"] in (guest.screen or "")
    assert _titles(guest) == [f"{item} 1", f"{item} 3", f"{item} 2"]

    remove = next(
        b["callback_data"]
        for row in (harness.server.last_message(1001).reply_markup or {})["inline_keyboard"]
        for b in row
        if b["text"] == "✖️"
    )
    await guest.press_data(remove)
    assert guest.last_answer["text"] == texts["removed"]
    assert _titles(guest) == [f"{item} 3", f"{item} 2"]

    await guest.press(texts["clear"])
    await guest.press(texts["yes"])
    assert guest.last_answer["text"] == texts["cleared"]
    assert texts["empty"] in (guest.screen or "")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_list_keeps_as_many_as_chosen_and_pages(harness: BotHarness, lang: str) -> None:
    ids = await _products(harness, 12)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)
    await _view(harness, guest, ids)
    await guest.send("/recent")
    assert len(_titles(guest)) == 8  # a page
    await guest.press(texts["next"])
    assert len(_titles(guest)) == 4

    await guest.press(texts["keep"])
    await guest.press("10")
    assert guest.last_answer["text"] == texts["kept"]
    await guest.press(texts["next"])
    assert len(_titles(guest)) == 2  # the two oldest went

    await _view(harness, guest, [ids[0]])  # it had gone; back on top, one more goes
    await guest.send("/recent")
    assert _titles(guest)[0].endswith(" 1")
    await guest.press(texts["next"])
    assert len(_titles(guest)) == 2


async def test_what_a_guest_viewed_stays_after_signing_in(harness: BotHarness) -> None:
    ids = await _products(harness, 3)
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    await _view(harness, anna, [ids[0]])  # as the account
    await anna.press_data("au:out")
    await anna.press("🚪 Sign out on this device")

    await _view(harness, anna, [ids[1], ids[2]])  # as a guest
    await anna.send("/recent")
    assert _titles(anna) == ["Item 3", "Item 2"]

    await anna.press("🏠 My cabinet")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    await anna.send("/recent")

    assert _titles(anna) == ["Item 3", "Item 2", "Item 1"]
