"""Coupons: the buyer's Active and Used & expired tabs and the coupon card, and the
marketplace's upserts and uses, each keeping the expiry reminder in step in its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.models import Coupon
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.catalog import default_title
from bot.services.deadlines import DeadlineKind, sync_coupon_deadline
from bot.services.errors import (
    BuyerNotFound,
    CouponAlreadyUsed,
    CouponExternalIdNotFound,
    CouponNeverValid,
    CouponNotFound,
    OrderNumberNotFound,
    StoreNotFound,
)
from bot.services.paging import Page, page_of


class CouponTab(StrEnum):
    """The tabs of Coupons, as on the web cabinet."""

    ACTIVE = "a"
    PAST = "p"


class CouponState(StrEnum):
    ACTIVE = "active"
    USED = "used"
    EXPIRED = "expired"


def coupon_state(coupon: Coupon, now: datetime) -> CouponState:
    if coupon.used_at is not None:
        return CouponState.USED
    if coupon.expires_at <= now:
        return CouponState.EXPIRED
    return CouponState.ACTIVE


def time_left(coupon: Coupon, now: datetime) -> timedelta:
    return coupon.expires_at - now


def not_started(coupon: Coupon, now: datetime) -> bool:
    """Given ahead of a sale: listed as active, but not usable before `starts_at`."""
    return coupon.starts_at is not None and coupon.starts_at > now


@dataclass(frozen=True)
class CouponList:
    """Coupons: one page of a tab, with the counts of both tabs."""

    page: Page[Coupon]
    tab: CouponTab
    tab_counts: dict[CouponTab, int]


async def list_coupons(
    uow: UnitOfWork, buyer_id: int, tab: CouponTab, page: int, page_size: int, now: datetime
) -> CouponList:
    async with uow:
        active, past = await uow.coupons.counts(buyer_id, now)
        counts = {CouponTab.ACTIVE: active, CouponTab.PAST: past}
        read = uow.coupons.active_page if tab is CouponTab.ACTIVE else uow.coupons.past_page

        async def fetch(offset: int, limit: int) -> list[Coupon]:
            return await read(buyer_id, now, offset, limit)

        return CouponList(await page_of(counts[tab], page, page_size, fetch), tab, counts)


async def get_coupon(uow: UnitOfWork, buyer_id: int, coupon_id: int) -> Coupon:
    async with uow:
        coupon = await uow.coupons.get_for_buyer(buyer_id, coupon_id)
        if coupon is None:
            raise CouponNotFound(coupon_id=coupon_id)
        return coupon


# --- the marketplace's side -----------------------------------------------------------------


@dataclass(frozen=True)
class CouponSpec:
    """Exactly one of `discount_minor` and `percent_off` (the API validates the rest)."""

    external_id: str
    store_external_id: str | None
    titles: dict[str, str]
    discount_minor: int | None
    percent_off: int | None
    currency: str | None
    min_order_minor: int
    starts_at: datetime | None
    expires_at: datetime


async def _buyer_id(uow: UnitOfWork, buyer_id: int) -> int:
    user = await uow.users.by_id(buyer_id)
    if user is None or not is_account(user):
        raise BuyerNotFound(buyer_id=buyer_id)
    return user.id


async def _coupon(uow: UnitOfWork, buyer_id: int, external_id: str) -> Coupon:
    await _buyer_id(uow, buyer_id)
    coupon = await uow.coupons.by_external_id(buyer_id, external_id)
    if coupon is None:
        raise CouponExternalIdNotFound(external_id=external_id)
    return coupon


async def upsert_coupon(
    uow: UnitOfWork, buyer_id: int, spec: CouponSpec, now: datetime
) -> tuple[Coupon, bool]:
    """Create the buyer's coupon or update it; True when created. A changed expiry moves the
    reminders (they come again for the new date); a used coupon stays used."""
    if spec.starts_at is not None and spec.expires_at <= spec.starts_at:
        raise CouponNeverValid(starts_at=spec.starts_at, expires_at=spec.expires_at)
    async with uow:
        await _buyer_id(uow, buyer_id)
        store = None
        if spec.store_external_id is not None:
            store = await uow.stores.by_external_id(spec.store_external_id)
            if store is None:
                raise StoreNotFound(external_id=spec.store_external_id)
        coupon = await uow.coupons.by_external_id(buyer_id, spec.external_id)
        created = coupon is None
        if coupon is None:
            coupon = Coupon(
                user_id=buyer_id, external_id=spec.external_id, created_at=now, used_at=None
            )
            uow.coupons.add(coupon)
        coupon.store_id = store.id if store is not None else None
        coupon.store = store
        coupon.titles = dict(spec.titles)
        coupon.title = default_title(spec.titles)
        coupon.discount_minor, coupon.percent_off = spec.discount_minor, spec.percent_off
        coupon.currency = spec.currency
        coupon.min_order_minor = spec.min_order_minor
        coupon.starts_at, coupon.expires_at = spec.starts_at, spec.expires_at
        coupon.updated_at = now
        if created:
            coupon.order = None
        await uow.coupons.flush()
        await sync_coupon_deadline(uow, coupon, now)
        await uow.commit()
        return coupon, created


async def use_coupon(
    uow: UnitOfWork,
    buyer_id: int,
    external_id: str,
    order_number: str | None,
    at: datetime | None,
    now: datetime,
) -> Coupon:
    """The marketplace applied the coupon (on an order of this buyer, if named).

    Telling it again is a no-op, as repeating an order's status is; naming another order
    than the one it was used on is a conflict. The bot mirrors the marketplace, so a late
    report of a use is recorded even after the expiry.
    """
    async with uow:
        coupon = await _coupon(uow, buyer_id, external_id)
        order = None
        if order_number is not None:
            order = await uow.orders.by_number(order_number)
            if order is None or order.buyer_id != buyer_id:
                raise OrderNumberNotFound(number=order_number)
        if coupon.used_at is not None:
            used_on = coupon.order.number if coupon.order is not None else None
            if order is not None and coupon.order_id not in (None, order.id):
                raise CouponAlreadyUsed(external_id=external_id, order_number=used_on)
            if order is not None and coupon.order_id is None:
                coupon.order_id, coupon.order = order.id, order
                coupon.updated_at = now
            await uow.commit()
            return coupon
        coupon.used_at = at or now
        coupon.order_id = order.id if order is not None else None
        coupon.order = order
        coupon.updated_at = now
        await sync_coupon_deadline(uow, coupon, now)
        await uow.commit()
        return coupon


async def delete_coupon(uow: UnitOfWork, buyer_id: int, external_id: str) -> Coupon:
    """The marketplace withdrew the coupon: it leaves the cabinet, and its reminders stop."""
    async with uow:
        coupon = await _coupon(uow, buyer_id, external_id)
        await uow.deadlines.clear(DeadlineKind.COUPON_EXPIRES.value, coupon.id)
        await uow.coupons.delete(coupon)
        await uow.commit()
        return coupon


async def list_buyer_coupons(
    uow: UnitOfWork, buyer_id: int, offset: int, limit: int
) -> tuple[list[Coupon], int]:
    async with uow:
        await _buyer_id(uow, buyer_id)
        return await uow.coupons.all_for_buyer(buyer_id, offset, limit)
