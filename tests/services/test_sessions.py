"""Sessions: which buyer a Telegram user acts as, where an account's pushes go, and what is
forgotten after sign-in records stop mattering."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import Database
from bot.clock import FixedClock
from bot.db.models import EmailCode, OutboundEvent, SignInFailure, TelegramSession, User
from bot.db.uow import UnitOfWork
from bot.notify.jobs import prune_sign_in_records_job
from bot.services.accounts.deletion import delete_account
from bot.services.accounts.sessions import (
    Arrival,
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
from bot.services.accounts.sync import (
    AccountSpec,
    issue_link_code,
    redeem_link_code,
    upsert_account,
)
from bot.services.errors import LinkCodeInvalid, SignOutWouldLoseAccount
from bot.services.events import EventKind
from tests.conftest import PG_URL
from tests.conftest import _open as open_database

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


async def _continue(uow: UnitOfWork, telegram_id: int, name: str = "Anna") -> tuple[User, Arrival]:
    await resolve_buyer(uow, profile(telegram_id, name), NOW)
    return await continue_with_telegram(uow, profile(telegram_id, name), NOW)


async def test_continue_with_telegram_after_signing_out_leads_back_to_the_same_account(
    uow: UnitOfWork,
) -> None:
    account, arrival = await _continue(uow, 1)
    assert arrival is Arrival.CREATED and account.telegram_owner_id == 1
    options = await sign_out_options(uow, account, 1)
    assert (options.way_back, options.owned_here) == (WayBack.TELEGRAM, True)
    assert (options.can_sign_out_here, options.can_sign_out_everywhere) == (True, True)

    guest = await sign_out(uow, profile(1), NOW)
    async with uow:
        (await uow.users.by_id(guest.id)).locale = "ru"  # chosen while a guest
        await uow.commit()
    back, arrival = await continue_with_telegram(uow, profile(1), NOW)

    assert (back.id, arrival) == (account.id, Arrival.RETURNED)
    acting, _ = await resolve_buyer(uow, profile(1), NOW)
    assert acting.id == account.id and acting.locale == "ru"  # merged as by any sign-in
    async with uow:
        assert await uow.users.by_id(guest.id) is None
        assert (await uow.sessions.get(1)).method == Method.TELEGRAM
    again, arrival = await continue_with_telegram(uow, profile(1), NOW)  # a second tap
    assert (again.id, arrival) == (account.id, Arrival.ALREADY)

    async with uow:  # as the handler does: the buyer loaded in the same transaction
        await sign_out_everywhere(uow, await uow.users.by_id(account.id), profile(1), NOW)
    back, arrival = await continue_with_telegram(uow, profile(1), NOW)
    assert (back.id, arrival) == (account.id, Arrival.RETURNED)


async def test_another_telegram_user_never_reaches_an_account_they_do_not_own(
    uow: UnitOfWork,
) -> None:
    account, _ = await _continue(uow, 1)
    async with uow:  # Anna adds an e-mail; Boris signs in with it on his Telegram
        mine = await uow.users.by_id(account.id)
        mine.email = "anna@example.com"
        await resolve_buyer(uow, profile(2, "Boris"), NOW)
        await sign_in(uow, 2, mine, Method.PASSWORD, NOW)
        await uow.commit()
    await sign_out(uow, profile(1), NOW)
    await sign_out(uow, profile(2, "Boris"), NOW)

    borises, arrival = await continue_with_telegram(uow, profile(2, "Boris"), NOW)
    assert arrival is Arrival.CREATED and borises.id != account.id
    assert borises.telegram_owner_id == 2
    annas, arrival = await continue_with_telegram(uow, profile(1), NOW)
    assert (annas.id, arrival) == (account.id, Arrival.RETURNED)


async def test_a_deleted_account_frees_the_identity_and_telegram_makes_a_fresh_one(
    uow: UnitOfWork,
) -> None:
    account, _ = await _continue(uow, 1)
    async with uow:
        await delete_account(uow, await uow.users.by_id(account.id), profile(1), NOW)

    fresh, arrival = await continue_with_telegram(uow, profile(1), NOW)

    assert arrival is Arrival.CREATED and fresh.id != account.id
    async with uow:
        assert (await uow.users.by_id(account.id)).telegram_owner_id is None
        assert (await uow.users.by_telegram_owner(1)).id == fresh.id


async def test_a_marketplace_link_binds_the_first_telegram_user_and_steals_from_nobody(
    uow: UnitOfWork,
) -> None:
    owned, _ = await _continue(uow, 3)  # Telegram user 3 owns an account already
    market, _ = await upsert_account(uow, AccountSpec("m-1", None, "Anna", "en"), NOW)
    for telegram_id in (3, 1, 2):
        code, _ = await issue_link_code(uow, market.id, NOW, timedelta(hours=1))
        await resolve_buyer(uow, profile(telegram_id), NOW)
        await redeem_link_code(uow, code, telegram_id, NOW)
    async with uow:
        assert (await uow.users.by_id(market.id)).telegram_owner_id == 1  # not 3, never 2
        assert (await uow.users.by_id(owned.id)).telegram_owner_id == 3
    for telegram_id in (1, 2, 3):
        await sign_out(uow, profile(telegram_id), NOW)

    arrivals = [await continue_with_telegram(uow, profile(t), NOW) for t in (1, 2, 3)]

    assert [(a.id, how) for a, how in arrivals] == [
        (market.id, Arrival.RETURNED),
        (arrivals[1][0].id, Arrival.CREATED),
        (owned.id, Arrival.RETURNED),
    ]
    assert arrivals[1][0].id not in {market.id, owned.id}


async def test_an_account_with_no_way_back_is_never_lost_by_signing_out(
    uow: UnitOfWork,
) -> None:
    guest, _ = await resolve_buyer(uow, profile(1), NOW)
    async with uow:  # an account made before Telegram identities were kept: no owner
        account = await uow.users.by_id(guest.id)
        account.registered_at = NOW
        await uow.commit()
    assert (await sign_out_options(uow, account, 1)).way_back is WayBack.NONE

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


@pytest.fixture(params=["sqlite-threaded", *(["postgres"] if PG_URL else [])])
async def shared_database(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Database]:
    """A database two connections write at once (SQLite through its thread, PostgreSQL)."""
    db = await open_database(request.param, request, tmp_path)
    yield db
    await db.dispose()


async def test_two_taps_of_continue_with_telegram_at_once_make_one_account(
    shared_database: Database,
) -> None:
    def fresh() -> UnitOfWork:
        return UnitOfWork(shared_database.session_factory)

    await resolve_buyer(fresh(), profile(1), NOW)

    taps = await asyncio.gather(*(continue_with_telegram(fresh(), profile(1), NOW) for _ in "ab"))

    assert sorted(how for _, how in taps) == [Arrival.ALREADY, Arrival.CREATED]
    assert taps[0][0].id == taps[1][0].id
    async with fresh() as uow:
        made = await uow.session.scalar(
            select(func.count()).select_from(User).where(User.registered_at.is_not(None))
        )
        assert made == 1
        kinds = await uow.session.scalars(select(OutboundEvent.kind))
        assert list(kinds) == [EventKind.ACCOUNT_CREATED.value]  # told to the marketplace once

    await sign_out(fresh(), profile(1), NOW)
    taps = await asyncio.gather(*(continue_with_telegram(fresh(), profile(1), NOW) for _ in "ab"))

    assert sorted(how for _, how in taps) == [Arrival.ALREADY, Arrival.RETURNED]
    assert {account.id for account, _ in taps} == {taps[0][0].id}


async def test_a_sign_in_link_opened_by_twelve_chats_at_once_signs_in_only_one(
    database: Database,
) -> None:
    """A link code works once also when it is redeemed from many chats at the same moment (on
    PostgreSQL, reading the code and then marking it used let every chat in)."""

    def fresh() -> UnitOfWork:
        return UnitOfWork(database.session_factory)

    account, _ = await upsert_account(fresh(), AccountSpec("m-1", None, "Anna", "en"), NOW)
    code, _ = await issue_link_code(fresh(), account.id, NOW, timedelta(hours=1))
    chats = range(101, 113)

    async def redeem(telegram_id: int) -> str:
        try:
            await redeem_link_code(fresh(), code, telegram_id, NOW)
        except LinkCodeInvalid as refused:
            return refused.reason
        return "signed in"

    outcomes = await asyncio.gather(*(redeem(telegram_id) for telegram_id in chats))

    assert sorted(outcomes) == ["signed in"] + ["used"] * 11
    winner = chats[outcomes.index("signed in")]
    async with fresh() as uow:
        sessions = await uow.session.scalars(
            select(TelegramSession.telegram_id).where(TelegramSession.user_id == account.id)
        )
        assert list(sessions) == [winner]
        linked = await uow.users.by_id(account.id)
        assert (linked.telegram_id, linked.telegram_owner_id) == (winner, winner)
    # Unknown and expired codes are still told apart from a used one.
    unused, _ = await issue_link_code(fresh(), account.id, NOW, timedelta(hours=1))
    later = NOW + timedelta(hours=2)
    for wrong, when, reason in (("Lnope", NOW, "unknown"), (unused, later, "expired")):
        with pytest.raises(LinkCodeInvalid) as refused:
            await redeem_link_code(fresh(), wrong, 999, when)
        assert refused.value.reason == reason
