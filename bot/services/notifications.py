"""What a queued push is about, and which kinds the buyer wants.

Settings → Notifications is one read (`notification_settings`); each switch on it is a move
that returns the screen as it leaves it, read in the transaction that saved the switch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind


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


@dataclass(frozen=True)
class NotificationSettings:
    """Everything Settings → Notifications shows: a switch per kind of push (on: True), the
    quiet hours and whether pushes of minor kinds wait for the daily digest."""

    enabled: dict[NoticeKind, bool]
    quiet: QuietPreset
    digest: bool


def _settings_of(user: User, disabled: set[str]) -> NotificationSettings:
    enabled = {kind: kind.value not in disabled for kind in NoticeKind}
    # The weekly digest of drops is opt-in: its switch is the buyer's own column.
    enabled[NoticeKind.WISH_WEEKLY] = user.weekly_drops
    return NotificationSettings(enabled, quiet_preset(user), user.daily_digest)


async def notification_settings(uow: UnitOfWork, user: User) -> NotificationSettings:
    async with uow:
        return _settings_of(user, await uow.preferences.disabled_kinds(user.id))


async def set_preference(
    uow: UnitOfWork, user: User, kind: NoticeKind, enabled: bool, now: datetime
) -> NotificationSettings:
    async with uow:
        disabled = await uow.preferences.disabled_kinds(user.id)
        if kind is NoticeKind.WISH_WEEKLY:
            user.weekly_drops = enabled
            await uow.users.flush()
            await uow.commit()
            return _settings_of(user, disabled)
        await uow.preferences.set(user.id, kind.value, enabled, now)
        await uow.commit()
    switched = disabled - {kind.value} if enabled else disabled | {kind.value}
    return _settings_of(user, switched)


async def set_quiet_hours(uow: UnitOfWork, user: User, preset: QuietPreset) -> NotificationSettings:
    async with uow:
        hours = QUIET_HOURS[preset]
        user.quiet_from, user.quiet_until = hours if hours is not None else (None, None)
        disabled = await uow.preferences.disabled_kinds(user.id)
        await uow.commit()
    return _settings_of(user, disabled)


# Pushes a digest reader gets once a day, merged, instead of one by one.
# Promotions are low priority: a digest reader gets them with the day's digest.
MINOR_KINDS = frozenset(
    {NoticeKind.ORDER_CREATED.value, NoticeKind.TRACKING_EVENT.value, NoticeKind.PROMOTION.value}
)
DIGEST_MARK = "held for the daily digest"


def next_digest_time(now: datetime, tz: tzinfo, hour: int) -> datetime:
    local = now.astimezone(tz)
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at <= local:
        at += timedelta(days=1)
    return at.astimezone(UTC)


async def set_daily_digest(uow: UnitOfWork, user: User, enabled: bool) -> NotificationSettings:
    async with uow:
        user.daily_digest = enabled
        disabled = await uow.preferences.disabled_kinds(user.id)
        await uow.commit()
    return _settings_of(user, disabled)
