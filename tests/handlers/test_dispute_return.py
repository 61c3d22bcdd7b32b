"""Telling the dispute the goods are on their way back: the button shows only while the
return is awaited, the tracking number is checked and goes into the correspondence (en, ru)."""

from __future__ import annotations

import pytest

from bot.db.enums import DisputeReason, OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

RULES = DisputeRules()

TEXTS = {
    "en": {
        "button": "📦 I shipped the goods back",
        "prompt": "📦 Type the tracking number of the parcel with the returned goods.",
        "bad": "That is not a tracking number: use 4 to 40 letters, digits or dashes.",
        "status": "Return the goods",
    },
    "ru": {
        "button": "📦 Я отправил товар обратно",
        "prompt": "📦 Введите трек-номер посылки с возвращаемым товаром.",
        "bad": "Это не трек-номер: от 4 до 40 латинских букв, цифр или дефисов.",
        "status": "Верните товар",
    },
}


async def _awaiting_return(harness: BotHarness, lang: str) -> str:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code=lang)
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    spec = DisputeSpec(DisputeReason.NOT_AS_DESCRIBED, None, True, "Wrong colour entirely")
    dispute = (await disputes.open_dispute(uow, user, order.id, spec, now, RULES)).dispute
    await dispute_sync.seller_offer(uow, dispute.id, 2450, True, "", now, RULES)
    await disputes.accept_offer(uow, user.id, dispute.id, now, RULES)
    return order.number


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_buyer_gives_the_return_tracking_number_once(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    number = await _awaiting_return(harness, lang)
    anna = harness.buyer(language_code=lang)
    await anna.send("/disputes")
    await anna.press(next(t for row in anna.buttons for t in row if f"№{number}" in t))
    assert texts["status"] in (anna.screen or "")
    assert anna.buttons[0] == [texts["button"]]

    await anna.press(texts["button"])
    assert anna.screen == texts["prompt"]
    await anna.send("RR 12")
    assert anna.screen == f"{texts['bad']}\n\n{texts['prompt']}"
    await anna.send("rr123456789cn")

    card = anna.screen or ""
    assert "RR123456789CN" in card
    assert [texts["button"]] not in anna.buttons
    assert_every_callback_answered_once(harness.server)
