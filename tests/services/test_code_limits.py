"""E-mail codes cannot be guessed or used to flood a mailbox: guesses and mails are counted
across resends, codes and chats, simultaneous guesses each count, and only a new hour (not a
new code or a new chat) gives the budgets back."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.app import Database
from bot.clock import FixedClock
from bot.db.uow import UnitOfWork
from bot.services import budgets
from bot.services.accounts import auth, reset
from bot.services.accounts.auth import Purpose, SentCode
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import MAX_ATTEMPTS, CodeOutcome
from bot.services.accounts.errors import (
    CodeGuessesSpent,
    CodeMailsSpent,
    CodeNotAccepted,
    NoCodeWaiting,
)
from bot.services.accounts.sync import AccountSpec, upsert_account
from tests.conftest import START

EMAIL = "anna@example.com"
LIMITS = CodeLimits()
ATTACKER = 666


async def _confirmed_account(
    uow: UnitOfWork, email: str = EMAIL, marketplace_id: str = "m-1"
) -> int:
    """An account whose e-mail is confirmed, so a password reset mails it a code."""
    account, _ = await upsert_account(uow, AccountSpec(marketplace_id, email, "Anna", "en"), START)
    async with uow:
        stored = await uow.users.by_id(account.id)
        assert stored is not None
        stored.email_verified_at = START
        await uow.commit()
    return account.id


def _wrong(sent: SentCode) -> str:
    return f"{(int(sent.code) + 1) % 10**6:06d}"


async def _guess(
    uow: UnitOfWork, account_id: int, typed: str, now: datetime, telegram_id: int = ATTACKER
) -> CodeOutcome | None:
    """One typed reset code: its outcome, or None when the guess budgets refused it."""
    try:
        await auth.check_email_code(uow, LIMITS, telegram_id, account_id, Purpose.RESET, typed, now)
    except CodeGuessesSpent:
        return None
    except CodeNotAccepted as refused:
        return refused.outcome
    return CodeOutcome.OK


async def _reset(
    uow: UnitOfWork, email: str, now: datetime, telegram_id: int = ATTACKER
) -> SentCode | None:
    """Forgot password for `email`: the code mailed, or None when the mail budgets refused."""
    try:
        requested = await reset.request_reset(uow, LIMITS, telegram_id, email, now)
    except CodeMailsSpent:
        return None
    assert requested.sent is not None
    return requested.sent


async def test_simultaneous_wrong_codes_each_count_and_stop_at_five(
    database: Database, clock: FixedClock
) -> None:
    """Twelve guesses at once: five are checked and recorded, the rest refused, on every
    database (on PostgreSQL read-modify-write recorded 2 of 12 and let all 12 be checked)."""
    uow = UnitOfWork(database.session_factory)
    account_id = await _confirmed_account(uow)
    sent = await _reset(uow, EMAIL, clock.now())
    assert sent is not None

    async def one(n: int) -> CodeOutcome | None:
        own = UnitOfWork(database.session_factory)
        return await _guess(own, account_id, _wrong(sent), clock.now(), telegram_id=1000 + n)

    outcomes = await asyncio.gather(*(one(n) for n in range(12)))

    assert outcomes.count(CodeOutcome.WRONG) == MAX_ATTEMPTS
    # The rest are refused: by the code's own limit, or the address's ten guesses an hour.
    assert set(outcomes) - {CodeOutcome.WRONG} <= {CodeOutcome.TOO_MANY_ATTEMPTS, None}
    async with uow:
        (code,) = await uow.email_codes.open_of(account_id, Purpose.RESET.value)
        assert code.attempts == MAX_ATTEMPTS
    # Only the checked guesses are spent from the address's budget.
    left = await budgets.left(uow, LIMITS.guesses_per_address, EMAIL, clock.now())
    assert left == LIMITS.guesses_per_address.limit - MAX_ATTEMPTS
    # Even the right code is refused now: the code is used up.
    assert await _guess(uow, account_id, sent.code, clock.now()) is CodeOutcome.TOO_MANY_ATTEMPTS


@pytest.mark.parametrize("switch_chats", [False, True], ids=["one chat", "a chat per code"])
async def test_sending_the_code_again_refills_neither_guesses_nor_mails(
    uow: UnitOfWork, clock: FixedClock, switch_chats: bool
) -> None:
    """Fifty rounds of "send again" and five wrong codes: five mails and ten wrong guesses in
    all, however many chats the attacker uses."""
    account_id = await _confirmed_account(uow)
    mails, wrong = 0, 0
    for round_ in range(50):
        chat = ATTACKER + round_ if switch_chats else ATTACKER
        sent = await _reset(uow, EMAIL, clock.now(), telegram_id=chat)
        if sent is None:
            continue
        mails += 1
        for _ in range(MAX_ATTEMPTS):
            outcome = await _guess(uow, account_id, _wrong(sent), clock.now(), telegram_id=chat)
            wrong += outcome is CodeOutcome.WRONG
    assert mails == 5
    assert wrong == 10

    clock.advance(timedelta(hours=1))
    sent = await _reset(uow, EMAIL, clock.now())
    assert sent is not None, "a new hour gives the budgets back"
    assert await _guess(uow, account_id, sent.code, clock.now()) is CodeOutcome.OK


async def test_a_telegram_user_gets_twenty_wrong_codes_an_hour_whatever_the_addresses(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    emails = ["a@example.com", "b@example.com", "c@example.com"]
    accounts = [await _confirmed_account(uow, email, f"m-{n}") for n, email in enumerate(emails)]
    wrong: dict[str, int] = dict.fromkeys(emails, 0)
    for email, account_id in zip(emails, accounts, strict=True):
        for _ in range(2):
            sent = await _reset(uow, email, clock.now())
            assert sent is not None
            for _ in range(MAX_ATTEMPTS):
                outcome = await _guess(uow, account_id, _wrong(sent), clock.now())
                wrong[email] += outcome is CodeOutcome.WRONG
    assert wrong == {"a@example.com": 10, "b@example.com": 10, "c@example.com": 0}
    # The owner of the third address, in their own chat, still gets their code checked.
    sent = await _reset(uow, "c@example.com", clock.now(), telegram_id=42)
    assert sent is not None
    assert await _guess(uow, accounts[2], sent.code, clock.now(), telegram_id=42) is (
        CodeOutcome.OK
    )


async def test_a_right_code_costs_no_guess(uow: UnitOfWork, clock: FixedClock) -> None:
    account_id = await _confirmed_account(uow)
    sent = await _reset(uow, EMAIL, clock.now(), telegram_id=42)
    assert sent is not None
    assert await _guess(uow, account_id, _wrong(sent), clock.now(), telegram_id=42) is (
        CodeOutcome.WRONG
    )
    assert await _guess(uow, account_id, sent.code, clock.now(), telegram_id=42) is (CodeOutcome.OK)
    left = await budgets.left(uow, LIMITS.guesses_per_address, EMAIL, clock.now())
    assert left == LIMITS.guesses_per_address.limit - 1


async def test_a_telegram_user_gets_ten_code_mails_an_hour_known_addresses_or_not(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    """Unknown addresses spend the budget as known ones do, so running out tells nothing."""
    await _confirmed_account(uow, "known@example.com")
    asked = ["known@example.com"] + [f"nobody{n}@example.com" for n in range(10)]
    refused = []
    for email in asked:
        try:
            await reset.request_reset(uow, LIMITS, ATTACKER, email, clock.now())
        except CodeMailsSpent as spent:
            refused.append((email, spent.everyone))
    assert refused == [("nobody9@example.com", False)]
    with pytest.raises(CodeMailsSpent):
        await reset.request_reset(uow, LIMITS, ATTACKER, "known@example.com", clock.now())
    # Another buyer is not held up by it.
    assert await _reset(uow, "known@example.com", clock.now(), telegram_id=42) is not None


async def test_an_unknown_address_gets_five_answers_an_hour_like_a_known_one(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    await _confirmed_account(uow, "known@example.com")

    async def refused_after(email: str) -> int:
        for n in range(1, 10):
            try:
                await reset.request_reset(uow, LIMITS, ATTACKER + n, email, clock.now())
            except CodeMailsSpent:
                return n
        return 0

    assert await refused_after("known@example.com") == 6
    assert await refused_after("unknown@example.com") == 6


async def test_the_bot_mails_at_most_its_hourly_cap_in_all(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    limits = CodeLimits.with_mails_per_hour(3)
    for n in range(3):
        await reset.request_reset(uow, limits, n, f"user{n}@example.com", clock.now())
    with pytest.raises(CodeMailsSpent) as refused:
        await reset.request_reset(uow, limits, 99, "user99@example.com", clock.now())
    assert refused.value.everyone
    assert refused.value.resets_at == START.replace(minute=0, second=0, microsecond=0) + (
        timedelta(hours=1)
    )


async def test_simultaneous_requests_mail_five_codes(database: Database, clock: FixedClock) -> None:
    uow = UnitOfWork(database.session_factory)
    await _confirmed_account(uow)

    async def one(n: int) -> SentCode | None:
        return await _reset(UnitOfWork(database.session_factory), EMAIL, clock.now(), 1000 + n)

    sent = await asyncio.gather(*(one(n) for n in range(30)))
    assert sum(code is not None for code in sent) == 5


async def test_a_code_replaced_by_a_new_one_does_not_allow_a_new_password(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    """Asking twice closes the first code; closed is not "came back right"."""
    await _confirmed_account(uow)
    assert await _reset(uow, EMAIL, clock.now()) is not None
    assert await _reset(uow, EMAIL, clock.now()) is not None
    with pytest.raises(NoCodeWaiting):
        await reset.finish_reset(uow, EMAIL, ATTACKER, "hash", clock.now())
