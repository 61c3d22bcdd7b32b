"""What the account forms offer is decided by the service: the proof deleting asks for and
whether a code may stand in for the password, what changing the password asks for, and which
new e-mails are refused, so no screen shows a button or a step that is then refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import FixedClock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts import credentials, deletion
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.credentials import PasswordProof
from bot.services.accounts.deletion import DeletionProof
from bot.services.accounts.errors import EmailRequired, EmailTaken, SameEmail
from tests.factories import make_buyer

LIMITS = CodeLimits()


async def account(  # noqa: PLR0913 - the account's proofs, one by one
    uow: UnitOfWork,
    telegram_id: int,
    now: datetime,
    *,
    email: str | None,
    confirmed: bool = False,
    password_hash: str | None = None,
) -> User:
    async with uow:
        user = await make_buyer(uow, telegram_id, now)
        user.email, user.password_hash = email, password_hash
        user.email_verified_at = now if confirmed else None
        await uow.commit()
        return user


@pytest.mark.parametrize(
    ("email", "confirmed", "password_hash", "proof", "can_send_code"),
    [
        ("anna@example.com", True, "hash", DeletionProof.PASSWORD, True),
        ("anna@example.com", False, "hash", DeletionProof.PASSWORD, False),  # the market's
        ("anna@example.com", True, None, DeletionProof.EMAIL_CODE, True),
        ("anna@example.com", False, None, DeletionProof.WORD, False),
        (None, False, None, DeletionProof.WORD, False),
    ],
)
async def test_deleting_asks_for_the_strongest_proof_and_a_code_only_to_a_confirmed_email(  # noqa: PLR0913
    uow: UnitOfWork,
    clock: FixedClock,
    email: str | None,
    confirmed: bool,
    password_hash: str | None,
    proof: DeletionProof,
    can_send_code: bool,
) -> None:
    anna = await account(
        uow, 1001, clock.now(), email=email, confirmed=confirmed, password_hash=password_hash
    )

    screen = await deletion.start_deletion(uow, LIMITS, 1001, anna, clock.now())

    assert (screen.proof, screen.can_send_code) == (proof, can_send_code)
    assert (screen.sent is not None) == (proof is DeletionProof.EMAIL_CODE)
    assert deletion.deletion_screen(anna) == (
        deletion.DeletionScreen(proof, can_send_code=can_send_code)
    )


async def test_a_code_instead_of_the_password_goes_only_to_a_confirmed_email(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    confirmed = await account(
        uow, 1001, clock.now(), email="anna@example.com", confirmed=True, password_hash="hash"
    )
    unconfirmed = await account(
        uow, 2002, clock.now(), email="boris@example.com", password_hash="hash"
    )

    sent = await deletion.start_deletion(
        uow, LIMITS, 1001, confirmed, clock.now(), code_instead=True
    )
    stale = await deletion.start_deletion(
        uow, LIMITS, 2002, unconfirmed, clock.now(), code_instead=True
    )

    assert sent.proof is DeletionProof.EMAIL_CODE
    assert sent.sent is not None and sent.sent.email == "anna@example.com"
    assert (stale.proof, stale.sent) == (DeletionProof.EMAIL_CODE, None)  # a stale button


async def test_changing_the_password_asks_for_what_the_account_has(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    with_password = await account(
        uow, 1001, clock.now(), email="anna@example.com", password_hash="hash"
    )
    without = await account(uow, 2002, clock.now(), email="boris@example.com")
    no_email = await account(uow, 3003, clock.now(), email=None)

    assert credentials.password_change_proof(with_password) is PasswordProof.CURRENT_PASSWORD
    assert credentials.password_change_proof(without) is PasswordProof.EMAIL_CODE
    with pytest.raises(EmailRequired):
        credentials.password_change_proof(no_email)
    with pytest.raises(EmailRequired):
        await credentials.send_password_code(uow, LIMITS, 3003, no_email, clock.now())


async def test_a_new_email_is_refused_when_it_is_the_confirmed_one_or_another_accounts(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    anna = await account(uow, 1001, clock.now(), email="anna@example.com", confirmed=True)
    await account(uow, 2002, clock.now(), email="boris@example.com", confirmed=True)
    market = await account(uow, 3003, clock.now(), email="olga@example.com")  # unconfirmed

    with pytest.raises(SameEmail):
        await credentials.start_email_change(
            uow, LIMITS, 1001, anna, "anna@example.com", clock.now()
        )
    with pytest.raises(EmailTaken):
        await credentials.start_email_change(
            uow, LIMITS, 1001, anna, "boris@example.com", clock.now()
        )
    # The address nobody confirmed yet is not "the same": typing it again confirms it.
    sent = await credentials.start_email_change(
        uow, LIMITS, 3003, market, "olga@example.com", clock.now()
    )
    assert sent.email == "olga@example.com"
