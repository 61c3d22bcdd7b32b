"""What a queued push is about, and which kinds the buyer wants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from bot.db.enums import OrderStatus
from bot.db.models import Order, OrderMessage, OutboxMessage, TrackingEvent, User
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind
from bot.services.order_status import IN_TRANSIT


@dataclass(frozen=True)
class Subject:
    """The order a push is about, with the scan or message that caused it."""

    order: Order
    event: TrackingEvent | None = None
    message: OrderMessage | None = None


async def load_subject(uow: UnitOfWork, row: OutboxMessage) -> Subject | None:
    """None when the subject is gone (order deleted, message or scan removed): skip the push."""
    async with uow:
        order_id = row.payload.get("order_id")
        if not isinstance(order_id, int):
            return None
        in_trash = row.kind == NoticeKind.TRASH_PURGE
        order = await uow.orders.get_for_buyer(row.user_id, order_id, in_trash=in_trash)
        if order is None:
            return None
        if row.kind == NoticeKind.TRACKING_STALLED:
            return Subject(order) if order.status is OrderStatus.SHIPPED else None
        if row.kind == NoticeKind.AUTO_CONFIRM_SOON:
            due = order.auto_confirm_at.isoformat() if order.auto_confirm_at else None
            waiting = order.status in IN_TRANSIT and due == row.payload.get("due_at")
            return Subject(order) if waiting else None
        if row.kind == NoticeKind.PROTECTION_ENDING:
            still = order.protection_ends_at is not None and order.status in IN_TRANSIT
            due = order.protection_ends_at.isoformat() if order.protection_ends_at else None
            return Subject(order) if still and due == row.payload.get("due_at") else None
        if row.kind == NoticeKind.TRACKING_EVENT:
            wanted = row.payload.get("carrier_event_id")
            events = await uow.orders.events(order.id)
            event = next((e for e in events if e.carrier_event_id == wanted), None)
            return Subject(order, event=event) if event is not None else None
        if row.kind == NoticeKind.SELLER_MESSAGE:
            message_id = row.payload.get("message_id")
            messages = await uow.messages.for_order(order.id)
            message = next((m for m in messages if m.id == message_id), None)
            return Subject(order, message=message) if message is not None else None
        return Subject(order)


async def preferences(uow: UnitOfWork, user_id: int) -> dict[NoticeKind, bool]:
    async with uow:
        disabled = await uow.preferences.disabled_kinds(user_id)
        return {kind: kind.value not in disabled for kind in NoticeKind}


async def set_preference(
    uow: UnitOfWork, user: User, kind: NoticeKind, enabled: bool, now: datetime
) -> dict[NoticeKind, bool]:
    async with uow:
        await uow.preferences.set(user.id, kind.value, enabled, now)
        await uow.commit()
        return await preferences(uow, user.id)


async def is_wanted(uow: UnitOfWork, user_id: int, kind: str) -> bool:
    async with uow:
        return kind not in await uow.preferences.disabled_kinds(user_id)


class QuietPreset(StrEnum):
    """The quiet-hour windows a buyer can pick (hours in their time zone)."""

    OFF = "off"
    NIGHT_22_08 = "22-8"
    NIGHT_23_07 = "23-7"
    NIGHT_00_09 = "0-9"


QUIET_HOURS: dict[QuietPreset, tuple[int, int] | None] = {
    QuietPreset.OFF: None,
    QuietPreset.NIGHT_22_08: (22, 8),
    QuietPreset.NIGHT_23_07: (23, 7),
    QuietPreset.NIGHT_00_09: (0, 9),
}


def quiet_preset(user: User) -> QuietPreset:
    for preset, hours in QUIET_HOURS.items():
        if hours == (user.quiet_from, user.quiet_until) or (
            hours is None and user.quiet_from is None
        ):
            return preset
    return QuietPreset.OFF


def quiet_until(now: datetime, tz: tzinfo, hours: tuple[int, int] | None) -> datetime | None:
    """When the buyer's quiet hours end, if `now` is inside them; else None."""
    if hours is None:
        return None
    start, end = hours
    local = now.astimezone(tz)
    inside = start <= local.hour < end if start < end else local.hour >= start or local.hour < end
    if not inside:
        return None
    wake = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if wake <= local:
        wake += timedelta(days=1)
    return wake.astimezone(UTC)


async def set_quiet_hours(uow: UnitOfWork, user: User, preset: QuietPreset) -> None:
    async with uow:
        hours = QUIET_HOURS[preset]
        user.quiet_from, user.quiet_until = hours if hours is not None else (None, None)
        await uow.commit()


# Pushes a digest reader gets once a day, merged, instead of one by one.
MINOR_KINDS = frozenset({NoticeKind.ORDER_CREATED.value, NoticeKind.TRACKING_EVENT.value})
DIGEST_MARK = "held for the daily digest"


def next_digest_time(now: datetime, tz: tzinfo, hour: int) -> datetime:
    local = now.astimezone(tz)
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at <= local:
        at += timedelta(days=1)
    return at.astimezone(UTC)


async def set_daily_digest(uow: UnitOfWork, user: User, enabled: bool) -> None:
    async with uow:
        user.daily_digest = enabled
        await uow.commit()
