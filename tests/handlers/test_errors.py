"""The error boundary: Telegram failures and bugs never crash the bot or lose the buyer."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.enums import OrderStatus
from bot.fake_telegram import ChatClient, assert_every_callback_answered_once
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


async def test_a_telegram_server_error_is_answered_and_the_next_tap_works(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/start")
    harness.server.fail_next("editMessageText", 500)

    with caplog.at_level(logging.ERROR):
        await anna.press("📋 My orders")

    assert anna.last_answer["text"] == (
        "😔 Something went wrong on our side. Please try again in a minute."
    )
    assert anna.last_answer["show_alert"] == "true"
    assert "Traceback" in caplog.text or any(r.exc_info for r in caplog.records)
    await anna.press("📋 My orders")
    assert "My orders" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_bug_while_answering_a_message_is_told_in_the_buyers_language(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.handlers.orders import screens as orders

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(orders.service, "list_orders", broken)
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code="ru")
    anna = harness.buyer(language_code="ru")

    await anna.send("/orders")

    assert anna.screen == "😔 У нас что-то пошло не так. Попробуйте ещё раз через минуту."


async def _at_confirm_warning(harness: BotHarness) -> ChatClient:
    """A buyer looking at the receipt warning of a shipped order."""
    user = await make_buyer(harness.uow(), 1001, harness.clock.now())
    await make_order(
        harness.uow(),
        user,
        harness.clock.now(),
        status=OrderStatus.SHIPPED,
        title="Lamp",
        shipped_days_ago=3,
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")
    await anna.press("✅ Confirm receipt")
    return anna


async def test_a_failed_commit_leaves_the_order_as_it_was(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.db.uow import UnitOfWork

    anna = await _at_confirm_warning(harness)

    async def disk_full(self: UnitOfWork) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(UnitOfWork, "commit", disk_full)
        await anna.press("✅ Yes, I received it")
    assert anna.last_answer["text"].startswith("😔 Something went wrong")

    await anna.send("/orders")
    assert "🚚 Shipped" in anna.screen and "Completed" not in anna.screen.split("\n\n", 1)[1]


async def test_the_receipt_stays_confirmed_when_telegram_fails_after_the_commit(
    harness: BotHarness,
) -> None:
    anna = await _at_confirm_warning(harness)
    harness.server.fail_next("editMessageText", 502)

    await anna.press("✅ Yes, I received it")

    assert anna.last_answer["show_alert"] == "true"
    await anna.send("/orders")
    assert "✅ Completed" in anna.screen


async def test_a_message_the_bot_cannot_edit_any_more_gets_a_new_screen(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/start")
    harness.server.fail_next("editMessageText", 400, "Bad Request: message can't be edited")
    sent_before = len(harness.server.calls_of("sendMessage"))

    await anna.press("❓ Help")

    assert len(harness.server.calls_of("sendMessage")) == sent_before + 1
    assert "Help" in anna.screen


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.text(max_size=64).filter(lambda s: 0 < len(s.encode()) <= 64))
async def test_any_callback_data_gets_exactly_one_answer_and_no_crash(
    harness: BotHarness, data: str
) -> None:
    anna = harness.buyer()
    if anna.screen is None:
        await anna.send("/start")
    await anna.press_data(data)
    assert anna.last_answer is not None
    assert_every_callback_answered_once(harness.server)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=300))
async def test_any_text_gets_a_polite_answer(harness: BotHarness, text: str) -> None:
    anna = harness.buyer()
    calls = await anna.send(text)
    assert all(call.ok for call in calls), [c.result_or_error for c in calls if not c.ok]
    assert calls, "the buyer got no answer"


def _instant_waits(harness: BotHarness) -> list[float]:
    """Telegram's waits, recorded instead of slept through."""
    waited: list[float] = []

    async def no_wait(seconds: float) -> None:
        waited.append(seconds)

    harness.dispatcher["later"].sleep = no_wait
    return waited


async def test_a_429_after_confirming_receipt_says_it_was_saved_not_try_again(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    anna = await _at_confirm_warning(harness)
    harness.server.fail_next("editMessageText", 429, retry_after=5)

    with caplog.at_level(logging.WARNING):
        await anna.press("✅ Yes, I received it")

    assert anna.last_answer["text"] == (
        "Done — saved. Telegram asked us to slow down, so the screen did not refresh; "
        "open it again in 5 seconds."
    )
    assert anna.last_answer["show_alert"] == "true"
    assert not any(record.exc_info for record in caplog.records)  # not a failure of ours
    await anna.send("/orders")
    assert "✅ Completed" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_429_before_anything_was_saved_says_try_again_in_russian(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code="ru")
    anna = harness.buyer(language_code="ru")
    await anna.send("/start")
    harness.server.fail_next("editMessageText", 429, retry_after=3)

    await anna.press("📋 Мои заказы")

    assert anna.last_answer["text"] == (
        "Telegram попросил нас не торопиться; попробуйте ещё раз через 3 секунды."
    )
    await anna.press("📋 Мои заказы")
    assert anna.screen.startswith("📋")


async def test_a_typed_name_saved_before_a_429_is_confirmed_once_telegram_lets_us(
    harness: BotHarness,
) -> None:
    waited = _instant_waits(harness)
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/profile")
    await anna.press("✏️ Name")
    harness.server.fail_next("sendMessage", 429, retry_after=4)

    await anna.send("Anna Maria")
    await harness.dispatcher["later"].wait()

    assert waited == [4]
    assert anna.screen == (
        "Done — saved. Telegram asked us to slow down, so the screen did not refresh then; "
        "you can carry on now."
    )
    await anna.send("/profile")
    assert "Name: Anna Maria\n" in anna.screen


async def test_a_429_before_anything_was_saved_keeps_the_form_step_to_send_again(
    harness: BotHarness,
) -> None:
    from bot.handlers.accounts.auth import SignIn

    _instant_waits(harness)
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🔑 Sign in")
    harness.server.fail_next("sendMessage", 429, retry_after=2)

    await anna.send("anna@example.com")  # the password question did not get through
    await harness.dispatcher["later"].wait()

    assert anna.screen == (
        "Telegram asked us to slow down, so that was not done; please send it again now."
    )
    context = harness.dispatcher.fsm.get_context(harness.bot, 1001, 1001)
    assert await context.get_state() == SignIn.email.state
    await anna.send("anna@example.com")
    assert await context.get_state() == SignIn.password.state
