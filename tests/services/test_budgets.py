"""Budgets are spent atomically: many simultaneous spends never take more than the limit,
and a new window (not a new request, chat or code) is what starts the count again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.app import Database
from bot.clock import FixedClock
from bot.db.uow import UnitOfWork
from bot.notify.jobs import prune_sign_in_records_job
from bot.services import budgets
from bot.services.budgets import Budget

GUESSES = Budget("test_guesses", limit=5, window=timedelta(hours=1))
MAILS = Budget("test_mails", limit=3, window=timedelta(hours=1))


async def test_a_budget_allows_its_limit_in_a_window_and_refills_only_in_the_next(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    outcomes = [await budgets.spend(uow, [(GUESSES, "anna")], clock.now()) for _ in range(6)]
    assert [spent.allowed for spent in outcomes] == [True] * 5 + [False]
    assert [spent.left for spent in outcomes[:5]] == [4, 3, 2, 1, 0]
    refused = outcomes[-1]
    assert refused.refused_by is GUESSES
    assert refused.resets_at == GUESSES.window_start(clock.now()) + GUESSES.window
    # Another subject has its own budget.
    assert (await budgets.spend(uow, [(GUESSES, "boris")], clock.now())).allowed
    clock.set(refused.resets_at)
    assert (await budgets.spend(uow, [(GUESSES, "anna")], clock.now())).left == 4


async def test_spending_from_several_budgets_is_all_or_nothing(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    now = clock.now()
    for _ in range(3):
        assert (await budgets.spend(uow, [(MAILS, "a@example.com")], now)).allowed
    both = [(GUESSES, "chat-1"), (MAILS, "a@example.com")]
    refused = await budgets.spend(uow, both, now)
    assert not refused.allowed and refused.refused_by is MAILS
    # The refused request took nothing from the budget that still had room.
    assert await budgets.left(uow, GUESSES, "chat-1", now) == 5
    allowed = await budgets.spend(uow, [(GUESSES, "chat-1"), (MAILS, "b@example.com")], now)
    assert allowed.allowed and allowed.left == 2  # the tighter of the two


async def test_a_refund_gives_back_one_spend(uow: UnitOfWork, clock: FixedClock) -> None:
    now = clock.now()
    await budgets.spend(uow, [(GUESSES, "anna")], now, amount=2)
    await budgets.refund(uow, [(GUESSES, "anna")], now)
    assert await budgets.left(uow, GUESSES, "anna", now) == 4


async def test_simultaneous_spends_never_overspend(database: Database, clock: FixedClock) -> None:
    """Twenty requests at once against a limit of five: exactly five get through, on every
    database (on PostgreSQL a read-modify-write would let most of them through)."""
    now = clock.now()

    async def one() -> bool:
        uow = UnitOfWork(database.session_factory)
        spent = await budgets.spend(uow, [(GUESSES, "victim"), (MAILS, "chat")], now)
        return spent.allowed

    allowed = await asyncio.gather(*(one() for _ in range(20)))
    assert sum(allowed) == 3  # MAILS is the tighter budget
    uow = UnitOfWork(database.session_factory)
    assert await budgets.left(uow, GUESSES, "victim", now) == 2
    assert await budgets.left(uow, MAILS, "chat", now) == 0


async def test_ended_windows_are_pruned(
    uow: UnitOfWork, database: Database, clock: FixedClock
) -> None:
    await budgets.spend(uow, [(GUESSES, "anna")], clock.now())
    clock.advance(timedelta(days=2))
    assert await prune_sign_in_records_job(database.session_factory, clock) == 1


def test_a_budget_needs_a_window_of_at_most_a_day_and_a_positive_limit() -> None:
    with pytest.raises(ValueError, match="window"):
        Budget("too_long", 1, timedelta(days=2))
    with pytest.raises(ValueError, match="limit"):
        Budget("empty", 0, timedelta(hours=1))
