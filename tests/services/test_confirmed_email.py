"""A password reset goes only through an address a code came back from: the one the
marketplace sets is unconfirmed until the buyer confirms it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.uow import UnitOfWork
from bot.services.accounts import auth, credentials, reset
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import NoCodeWaiting
from bot.services.accounts.sync import AccountSpec, upsert_account
from tests.conftest import START

EMAIL = "anna@example.com"
LIMITS = CodeLimits()
TG = 1001


async def _confirm(uow: UnitOfWork, buyer_id: int, email: str) -> None:
    """What Profile -> E-mail -> Confirm does: a code to the address, typed back."""
    async with uow:  # one session around it all, as the update's middleware holds
        account = await uow.users.by_id(buyer_id)
        assert account is not None
        sent = await credentials.start_email_change(uow, LIMITS, TG, account, email, START)
        purpose = auth.Purpose.NEW_EMAIL
        code = await auth.check_email_code(uow, LIMITS, TG, buyer_id, purpose, sent.code, START)
        assert code.email == email  # accepted: no CodeRefused raised
        await credentials.finish_email_change(uow, account, email, START)  # no EmailTaken


async def test_a_marketplace_email_gets_no_reset_code_until_the_buyer_confirms_it(
    uow: UnitOfWork,
) -> None:
    account, _ = await upsert_account(uow, AccountSpec("m-1", EMAIL, "Anna", "en"), START)
    assert account.email_verified_at is None

    assert (await reset.request_reset(uow, LIMITS, TG, EMAIL, START)).sent is None
    assert await reset.resettable_account(uow, EMAIL) is None

    await _confirm(uow, account.id, EMAIL)

    sent = (await reset.request_reset(uow, LIMITS, TG, EMAIL, START)).sent
    assert sent is not None and sent.email == EMAIL


async def test_a_new_marketplace_email_is_unconfirmed_and_the_same_one_stays_confirmed(
    uow: UnitOfWork,
) -> None:
    account, _ = await upsert_account(uow, AccountSpec("m-1", EMAIL, "Anna", "en"), START)
    await _confirm(uow, account.id, EMAIL)

    same, _ = await upsert_account(uow, AccountSpec("m-1", "Anna@Example.com", None, None), START)
    assert same.email_verified_at is not None
    moved, _ = await upsert_account(uow, AccountSpec("m-1", "anna@example.org", None, None), START)

    assert moved.email == "anna@example.org" and moved.email_verified_at is None
    assert (await reset.request_reset(uow, LIMITS, TG, "anna@example.org", START)).sent is None


async def test_a_checked_reset_code_sets_no_password_on_an_unconfirmed_address(
    uow: UnitOfWork,
) -> None:
    """A code issued before the address became unconfirmed (the marketplace changed it back
    and forth) does not let a new password in."""
    account, _ = await upsert_account(uow, AccountSpec("m-1", EMAIL, "Anna", "en"), START)
    await _confirm(uow, account.id, EMAIL)
    sent = (await reset.request_reset(uow, LIMITS, TG, EMAIL, START)).sent
    assert sent is not None
    purpose = auth.Purpose.RESET
    await auth.check_email_code(uow, LIMITS, TG, account.id, purpose, sent.code, START)
    await upsert_account(uow, AccountSpec("m-1", "other@example.com", None, None), START)
    await upsert_account(uow, AccountSpec("m-1", EMAIL, None, None), START)

    later = START + timedelta(minutes=1)
    with pytest.raises(NoCodeWaiting):
        await reset.finish_reset(uow, EMAIL, 1001, "hash", later)
