"""Asking carriers where parcels are, and noticing parcels that stopped moving.

A provider is anything with `fetch(carrier, tracking_number)`; the generic one reads JSON from
TRACKING_URL. Scans come in through the same idempotent path as the API's, so a poll and a
push from the marketplace never duplicate an event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.db.models import Order
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind, notify
from bot.services.orders.sync import TrackingSpec, add_tracking_events

logger = logging.getLogger(__name__)


class TrackingProvider(Protocol):
    async def fetch(self, carrier: str | None, tracking_number: str) -> list[TrackingSpec]: ...


@dataclass(frozen=True)
class PollRules:
    interval: timedelta
    stall_after: timedelta
    batch: int = 100


@dataclass
class PollReport:
    checked: int = 0
    new_events: int = 0
    stalled: int = 0
    failed: int = 0


async def poll_parcels(
    uow: UnitOfWork, provider: TrackingProvider | None, rules: PollRules, now: datetime
) -> PollReport:
    """Look at each parcel on its way at most once per interval; push new scans and stalls."""
    report = PollReport()
    async with uow:
        due = await uow.orders.due_for_tracking(now - rules.interval, rules.batch)
    for order in due:
        if provider is not None and order.tracking_number:
            try:
                scans = await provider.fetch(order.carrier, order.tracking_number)
            except Exception:  # noqa: BLE001 - one carrier's outage must not stop the others
                logger.warning("Tracking %s failed", order.tracking_number, exc_info=True)
                report.failed += 1
                scans = []
            if scans:
                _, added = await add_tracking_events(uow, order.number, scans, now)
                report.new_events += added
        report.stalled += await _check_stalled(uow, order, rules.stall_after, now)
        report.checked += 1
    return report


async def _check_stalled(
    uow: UnitOfWork, order: Order, stall_after: timedelta, now: datetime
) -> int:
    """One "no news of your parcel" per quiet spell (a new scan starts a new spell)."""
    async with uow:
        fresh = await uow.orders.get_for_buyer(order.buyer_id, order.id)
        if fresh is None:
            return 0
        fresh.tracking_checked_at = now
        latest = await uow.orders.latest_event(fresh.id)
        since = latest.occurred_at if latest is not None else fresh.shipped_at
        stalled = since is not None and now - since >= stall_after
        if stalled:
            spell = latest.id if latest is not None else "none"
            await notify(
                uow,
                fresh.buyer_id,
                NoticeKind.TRACKING_STALLED,
                {"order_id": fresh.id, "number": fresh.number, "since": since.isoformat()},
                f"stalled:{fresh.id}:{spell}",
                now,
            )
        await uow.commit()
        return int(stalled)
