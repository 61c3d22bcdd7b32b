"""Scheduler jobs; each opens its own unit of work like an update does."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.uow import UnitOfWork
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.budgets import LONGEST_WINDOW
from bot.services.deadlines import scan_deadlines
from bot.services.feedback.rules import FeedbackRules
from bot.services.feedback.store_ratings import refresh_store_ratings
from bot.services.orders.tracking import PollReport, PollRules, TrackingProvider, poll_parcels
from bot.services.orders.trash import purge_expired

logger = logging.getLogger(__name__)


async def purge_trash_job(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, retention_days: int
) -> int:
    """Empty every buyer's trash of orders older than the retention period."""
    purged = await purge_expired(UnitOfWork(session_factory), clock.now(), retention_days)
    if purged:
        logger.info("Purged %s orders from the trash", purged)
    return purged


async def prune_idempotency_job(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, ttl_hours: int
) -> int:
    """Forget Idempotency-Key answers older than the promised window."""
    async with UnitOfWork(session_factory) as uow:
        pruned = await uow.idempotency.delete_before(clock.now() - timedelta(hours=ttl_hours))
        await uow.commit()
    return pruned


async def prune_sign_in_records_job(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> int:
    """Forget e-mail codes a day after they expired, failed sign-ins the lockout no longer
    counts and budgets' ended windows: none is worth keeping, and all say something about a
    buyer."""
    now = clock.now()
    async with UnitOfWork(session_factory) as uow:
        pruned = await uow.email_codes.delete_before(now - timedelta(days=1))
        pruned += await uow.sign_in_failures.delete_before(now - DEFAULT_LOCKOUT.window)
        pruned += await uow.budgets.delete_before(now - LONGEST_WINDOW)
        await uow.commit()
    return pruned


async def refresh_store_ratings_job(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, rules: FeedbackRules
) -> int:
    """Keep stores' ratings to the period they cover, new feedback or not."""
    return await refresh_store_ratings(UnitOfWork(session_factory), clock.now(), rules)


async def scan_deadlines_job(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> int:
    """Turn deadlines that reached a reminder offset into pushes (the sender delivers them)."""
    return await scan_deadlines(UnitOfWork(session_factory), clock.now())


async def poll_tracking_job(
    session_factory: async_sessionmaker[AsyncSession],
    provider: TrackingProvider | None,
    rules: PollRules,
    clock: Clock,
) -> PollReport:
    """Ask carriers about parcels due for a look, and flag parcels that stopped moving."""
    return await poll_parcels(UnitOfWork(session_factory), provider, rules, clock.now())
