"""What an operator (ADMIN_IDS) checks first: how many buyers, whether pushes and marketplace
events are flowing, and whether the exchange rates are current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.uow import UnitOfWork
from bot.services.exchange_rates import RateRules


@dataclass(frozen=True)
class OperatorStatus:
    buyers: int
    pushes_waiting: int
    pushes_due: int
    events_undelivered: int
    oldest_event_at: datetime | None
    rates: int
    rates_stale: int
    rates_updated_at: datetime | None


def is_operator(telegram_id: int, operators: frozenset[int]) -> bool:
    return telegram_id in operators


async def operator_status(uow: UnitOfWork, now: datetime, rules: RateRules) -> OperatorStatus:
    async with uow:
        buyers = await uow.operator.buyers()
        waiting, due = await uow.operator.pushes_waiting(now)
        undelivered, oldest = await uow.operator.events_undelivered()
        rates = await uow.operator.rates()
    return OperatorStatus(
        buyers=buyers,
        pushes_waiting=waiting,
        pushes_due=due,
        events_undelivered=undelivered,
        oldest_event_at=oldest,
        rates=len(rates),
        rates_stale=sum(1 for rate in rates if now - rate.as_of > rules.max_age),
        rates_updated_at=max((rate.updated_at for rate in rates), default=None),
    )
