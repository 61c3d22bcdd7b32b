"""Every typed text is checked at its own step, with the reason (the limit and the length, in
UTF-16 units as Telegram counts them), and the form stays usable after the refusal."""

from __future__ import annotations

from bot.db.enums import OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

TOO_LONG_EN = (
    "That is too long: at most 1,000 characters fit here, yours has {length}. "
    "Please shorten it and send it again."
)
TOO_LONG_RU = (
    "Слишком длинно: здесь помещается не больше 1\u00a0000 символов, а у вас {length}. "
    "Сократите текст и отправьте его снова."
)


async def test_feedback_text_over_the_limit_is_refused_at_its_step_and_the_form_goes_on(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED)
    anna = harness.buyer()
    await anna.send("/feedback")
    await anna.press(f"⭐ №{order.number} · Bluetooth earbuds")
    for _ in range(4):
        await anna.press("5⭐")

    # 4,000 characters of "&" would be 20,000 once escaped: refused now, not at Submit.
    await anna.send("&" * 4000)
    assert TOO_LONG_EN.format(length="4,000") in anna.screen
    assert "Tell other buyers about the item and the seller (or tap Skip)." in anna.screen
    # 600 emoji are 600 characters but 1,200 UTF-16 units: refused too.
    await anna.send("🙂" * 600)
    assert TOO_LONG_EN.format(length="1,200") in anna.screen

    await anna.send("Bright & warm " + "🙂" * 493)  # exactly 1,000 units
    assert "Send up to 5 photos" in anna.screen
    await anna.press("⏭ Skip")
    assert "Check your feedback before sending it" in anna.screen
    await anna.press("✅ Submit")
    assert anna.screen.startswith("🙏 Thank you for your feedback!")
    assert_every_callback_answered_once(harness.server)


async def test_complaint_details_over_the_limit_say_why_in_russian(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code="ru")
    order = await make_order(harness.uow(), user, now, title="Лампа")
    await add_seller_message(harness.uow(), order.number, "m-1", "Купи <сейчас>", now, now)
    olga = harness.buyer(language_code="ru")
    await olga.send("/messages")
    await olga.press("💬 Продавцы (1)")
    await olga.press("🔵 1 · UGREEN Official Store")
    await olga.press("🚩 Пожаловаться")
    await olga.press("📣 Спам")

    await olga.send("<" * 1001)
    assert olga.screen.startswith(TOO_LONG_RU.format(length="1\u00a0001"))
    assert "✍️" in olga.screen  # asked again, with the reason first
    await olga.send("<" * 1000)
    assert olga.buttons[0] == ["🕶 Да, анонимно", "👤 Нет, от моего имени"]
    assert_every_callback_answered_once(harness.server)


async def test_a_long_time_zone_query_is_echoed_shortened(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("🕒 Time zone")
    await anna.press("🔎 Find my city")

    await anna.send("&" * 4000)
    assert anna.screen.startswith("Nothing found for “" + "&" * 59 + "…”.")
    assert len(anna.screen) < 400
    await anna.send("Berlin")
    assert "Berlin" in anna.screen
    assert_every_callback_answered_once(harness.server)
