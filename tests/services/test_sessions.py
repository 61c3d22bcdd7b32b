"""Sessions: which buyer a Telegram user acts as, where an account's pushes go, and what is
forgotten after sign-in records stop mattering."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FixedClock
from bot.db.models import EmailCode, SignInFailure
from bot.db.uow import UnitOfWork
from bot.notify.jobs import prune_sign_in_records_job
from bot.services.accounts import AccountSpec, issue_link_code, redeem_link_code, upsert_account
from bot.services.errors import SignOutWouldLoseAccount
from bot.services.sessions import (
    Method,
    TelegramProfile,
    WayBack,
    continue_with_telegram,
    is_account,
    resolve_buyer,
    sign_in,
    sign_out,
    sign_out_everywhere,
    sign_out_options,
)

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def profile(telegram_id: int, name: str = "Anna") -> TelegramProfile:
    return TelegramProfile(telegram_id, name, None, "en")


async def test_a_new_telegram_user_is_a_guest_with_a_session(uow: UnitOfWork) -> None:
    guest, created = await resolve_buyer(uow, profile(1), NOW)
    again, created_again = await resolve_buyer(uow, profile(1), NOW)

    assert (created, created_again) == (True, False)
    assert again.id == guest.id and not is_account(guest)


async def test_pushes_follow_the_chat_that_signed_in_last_and_come_back_on_sign_out(
    uow: UnitOfWork,
) -> None:
    phone, _ = await resolve_buyer(uow, profile(1), NOW)
    laptop_guest, _ = await resolve_buyer(uow, profile(2, "Laptop"), NOW)
    async with uow:
        (await uow.users.by_id(phone.id)).registered_at = NOW
        (await uow.users.by_id(laptop_guest.id)).locale = "ru"
        await uow.commit()
        account = await uow.users.by_id(phone.id)
        await sign_in(uow, 2, account, Method.PASSWORD, NOW + timedelta(minutes=1))
        await uow.commit()
        assert account.telegram_id == 2
        assert account.locale == "ru"  # the guest's language choice came along
        assert await uow.users.by_id(laptop_guest.id) is None

    new_guest = await sign_out(uow, profile(2, "Laptop"), NOW + timedelta(minutes=2))

    async with uow:
        account = await uow.users.by_id(phone.id)
        assert account.telegram_id == 1  # the phone is still signed in: pushes go there
        assert new_guest.telegram_id == 2 and not is_account(new_guest)
        assert new_guest.locale == "ru"
    acting, _ = await resolve_buyer(uow, profile(1), NOW)
    assert acting.id == phone.id


async def test_old_codes_and_failures_are_pruned(uow: UnitOfWork, database) -> None:  # noqa: ANN001
    guest, _ = await resolve_buyer(uow, profile(1), NOW)
    async with uow:
        for hours_ago in (1, 30):
            moment = NOW - timedelta(hours=hours_ago)
            uow.sign_in_failures.add(SignInFailure(key="k", failed_at=moment))
            uow.email_codes.add(
                EmailCode(
                    user_id=guest.id,
                    purpose="signup",
                    email="a@example.com",
                    code_hash="x" * 64,
                    payload={},
                    attempts=0,
                    created_at=moment,
                    expires_at=moment + timedelta(minutes=10),
                )
            )
        await uow.commit()

    assert await prune_sign_in_records_job(database.session_factory, FixedClock(NOW)) == 2

    async with uow:
        assert await uow.sign_in_failures.since("k", NOW - timedelta(days=2)) == [
            NOW - timedelta(hours=1)
        ]
        assert len(await uow.email_codes.open_of(guest.id, "signup")) == 1


async def test_signing_out_never_leaves_a_telegram_only_account_unreachable(
    uow: UnitOfWork,
) -> None:
    guest, _ = await resolve_buyer(uow, profile(1), NOW)
    async with uow:  # as the handler does: the buyer loaded in the same transaction
        account = await continue_with_telegram(uow, await uow.users.by_id(guest.id), NOW)
    assert (await sign_out_options(uow, account)).way_back is WayBack.NONE

    with pytest.raises(SignOutWouldLoseAccount):
        await sign_out(uow, profile(1), NOW)
    with pytest.raises(SignOutWouldLoseAccount):
        await sign_out_everywhere(uow, account, profile(1), NOW)
    acting, _ = await resolve_buyer(uow, profile(1), NOW)
    assert acting.id == account.id

    async with uow:  # a second Telegram account signed in to it (an old marketplace link)
        await sign_in(uow, 2, await uow.users.by_id(account.id), Method.LINK, NOW)
        await uow.commit()
    options = await sign_out_options(uow, account)
    assert (options.can_sign_out_here, options.can_sign_out_everywhere) == (True, False)
    await sign_out(uow, profile(2), NOW)  # the phone still leads to it
    acting, _ = await resolve_buyer(uow, profile(1), NOW)
    assert acting.id == account.id


async def test_a_marketplace_account_may_sign_out_and_come_back_by_a_new_link(
    uow: UnitOfWork,
) -> None:
    account, _ = await upsert_account(uow, AccountSpec("m-1", None, "Anna", "en"), NOW)
    code, _ = await issue_link_code(uow, account.id, NOW, timedelta(hours=1))
    await resolve_buyer(uow, profile(1), NOW)
    await redeem_link_code(uow, code, 1, NOW)
    assert (await sign_out_options(uow, account)).way_back is WayBack.LINK

    await sign_out(uow, profile(1), NOW)
    code, _ = await issue_link_code(uow, account.id, NOW, timedelta(hours=1))
    back = await redeem_link_code(uow, code, 1, NOW)
    assert back.id == account.id
