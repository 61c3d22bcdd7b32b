"""The attack from the probe, through the bot: one chat pressing "Send the code again" and
typing codes cannot flood the victim's mailbox or guess the code, whether or not an account
has the address, and the victim's own reset works again an hour later."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

import pytest

from bot.fake_telegram.client import ChatClient
from tests.conftest import BotHarness
from tests.handlers.test_auth import code_in_mail, sign_up

VICTIM = "anna@example.com"


def next_hour(registered: bool) -> str:
    """When the budgets refill: the hour after the attack (the victim signed up an hour
    before it, when there is an account)."""
    return "Nov 26, 2:00\u202fPM" if registered else "Nov 26, 1:00\u202fPM"


def mails_to(harness: BotHarness, email: str) -> int:
    assert harness.mailer is not None
    return sum(parseaddr(str(mail["To"]))[1] == email for mail in harness.mailer.messages)


async def open_reset(client: ChatClient, email: str, ru: bool = False) -> None:
    await client.send("/start")
    await client.press("🔑 Войти" if ru else "🔑 Sign in")
    await client.send(email)
    await client.send("not-the-password")
    await client.press("🔁 Забыли пароль" if ru else "🔁 Forgot password")
    await client.send(email)


async def victim_with_account(harness: BotHarness) -> None:
    await sign_up(harness, harness.buyer(), VICTIM)
    harness.clock.advance(timedelta(hours=1))  # the sign-up mail is from the hour before


@pytest.mark.parametrize("registered", [True, False], ids=["account", "no account"])
async def test_pressing_send_again_200_times_mails_five_codes(
    harness: BotHarness, registered: bool
) -> None:
    if registered:
        await victim_with_account(harness)
    before = mails_to(harness, VICTIM)
    attacker = harness.buyer(telegram_id=3003)
    await open_reset(attacker, VICTIM)
    for _ in range(200):
        await attacker.press("📨 Send the code again")

    assert mails_to(harness, VICTIM) - before == (5 if registered else 0)
    answer = attacker.last_answer
    assert answer is not None and answer["show_alert"]
    assert answer["text"] == (
        "⏳ Enough codes have been sent for now. Use the last one you received, or ask for a "
        f"new one from {next_hour(registered)}."
    )


@pytest.mark.parametrize("registered", [True, False], ids=["account", "no account"])
async def test_a_chat_gets_ten_wrong_codes_an_hour_whatever_it_resends(
    harness: BotHarness, registered: bool
) -> None:
    """The answers are the same with or without an account, so they do not tell either."""
    if registered:
        await victim_with_account(harness)
    attacker = harness.buyer(telegram_id=3003)
    await open_reset(attacker, VICTIM)
    answers = []
    for n in range(30):
        if n and n % 5 == 0:
            await attacker.press("📨 Send the code again")
        await attacker.send(f"{n:06d}")
        answers.append(attacker.screen or "")

    one_code = [f"❌ Wrong code. {n} tries left." for n in (4, 3, 2)]
    one_code += ["❌ Wrong code. 1 try left.", "❌ Wrong code. 0 tries left."]
    assert answers[:10] == one_code * 2
    refusal = (
        "⏳ Too many codes were tried lately. For your safety, codes can be checked again from "
        f"{next_hour(registered)}."
    )
    assert answers[10:] == [refusal] * 20


async def test_the_owner_resets_the_password_an_hour_after_an_attack(harness: BotHarness) -> None:
    await victim_with_account(harness)
    attacker = harness.buyer(telegram_id=3003)
    await open_reset(attacker, VICTIM)
    for n in range(12):
        if n and n % 5 == 0:
            await attacker.press("📨 Send the code again")
        await attacker.send(f"{n:06d}")

    harness.clock.advance(timedelta(hours=1))
    anna = harness.buyer(telegram_id=4004)
    await open_reset(anna, VICTIM)
    await anna.send(code_in_mail(harness, VICTIM))
    await anna.send("new-moon-harbor-77")
    assert "New password set" in "\n".join(m.text or "" for m in harness.server.messages_in(4004))


async def test_the_limits_are_explained_in_russian(harness: BotHarness) -> None:
    await victim_with_account(harness)
    attacker = harness.buyer(telegram_id=3003, language_code="ru")
    await open_reset(attacker, VICTIM, ru=True)
    for n in range(11):
        if n and n % 5 == 0:
            await attacker.press("📨 Отправить код ещё раз")
        await attacker.send(f"{n:06d}")
    assert (attacker.screen or "").startswith("⏳ Недавно было введено слишком много неверных")
    for _ in range(3):
        await attacker.press("📨 Отправить код ещё раз")
    answer = attacker.last_answer
    assert answer is not None
    assert answer["text"].startswith("⏳ Кодов пока отправлено достаточно.")
