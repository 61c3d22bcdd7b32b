"""Budgets for what an attacker would repeat: code guesses, code mails, password checks.

A budget allows `limit` spends per `window` to one subject (an account, an address, a chat).
Windows are fixed and aligned to the epoch, so a subject's count is a single row that one
conditional UPDATE spends from: simultaneous requests never overspend it, and nothing a buyer
does (asking for a new code, switching chats) refills it before the window ends. Subjects
are stored as hashes, never as addresses in clear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.db.uow import UnitOfWork

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
LONGEST_WINDOW = timedelta(days=1)  # older windows are pruned (bot/notify/jobs.py)


@dataclass(frozen=True, slots=True)
class Budget:
    """`limit` spends per `window`; `name` keeps budgets of different things apart."""

    name: str
    limit: int
    window: timedelta

    def __post_init__(self) -> None:
        if not timedelta(0) < self.window <= LONGEST_WINDOW or self.limit < 1:
            msg = f"budget {self.name}: the window must be up to a day, the limit at least 1"
            raise ValueError(msg)

    def key(self, subject: str) -> str:
        digest = hashlib.sha256(f"{self.name}\x00{subject}".encode()).hexdigest()
        return f"{self.name}:{digest[:48]}"

    def window_start(self, now: datetime) -> datetime:
        windows = (now - _EPOCH) // self.window
        return _EPOCH + windows * self.window


@dataclass(frozen=True, slots=True)
class Spending:
    """Whether the spend was allowed; if not, when the budget that refused it starts again."""

    allowed: bool
    left: int
    resets_at: datetime
    refused_by: Budget | None = None


async def spend(
    uow: UnitOfWork,
    charges: Sequence[tuple[Budget, str]],
    now: datetime,
    amount: int = 1,
) -> Spending:
    """Spend `amount` from every (budget, subject) pair, or from none of them.

    Committed at once, so a concurrent request sees the spend. Keys are spent in sorted order,
    so two requests spending the same keys cannot deadlock on PostgreSQL's row locks.
    """
    ordered = sorted(charges, key=lambda charge: charge[0].key(charge[1]))
    spent: list[tuple[Budget, str]] = []
    left: int | None = None
    resets_at = now
    async with uow:
        for budget, subject in ordered:
            start = budget.window_start(now)
            used = await uow.budgets.spend(budget.key(subject), start, amount, budget.limit)
            if used is None:
                for done, done_subject in spent:
                    key, done_start = done.key(done_subject), done.window_start(now)
                    await uow.budgets.refund(key, done_start, amount)
                await uow.commit()
                return Spending(False, 0, start + budget.window, budget)
            spent.append((budget, subject))
            if left is None or budget.limit - used < left:
                left, resets_at = budget.limit - used, start + budget.window
        await uow.commit()
    return Spending(True, left or 0, resets_at)


async def refund(
    uow: UnitOfWork, charges: Sequence[tuple[Budget, str]], now: datetime, amount: int = 1
) -> None:
    """Give back a spend for something that turned out not to count (e.g. a right password)."""
    async with uow:
        for budget, subject in sorted(charges, key=lambda charge: charge[0].key(charge[1])):
            await uow.budgets.refund(budget.key(subject), budget.window_start(now), amount)
        await uow.commit()


async def left(uow: UnitOfWork, budget: Budget, subject: str, now: datetime) -> int:
    """What is left of the budget now, without spending any."""
    async with uow:
        used = await uow.budgets.used(budget.key(subject), budget.window_start(now))
    return max(0, budget.limit - used)
