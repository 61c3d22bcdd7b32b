"""Builders for buyers, orders in any state and coupons, through the same code the app uses."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from bot.db.enums import CloseReason, OrderStatus, TrackingEventKind
from bot.db.models import Coupon, Order, TrackingEvent, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import TelegramProfile, resolve_buyer
from bot.services.deadlines import sync_coupon_deadline
from bot.services.disputes.rules import DisputeRules
from bot.services.feedback.rules import FeedbackRules
from bot.services.orders import status as order_status
from bot.services.orders.factory import NewItem, build_order

_numbers = itertools.count(1)
# The rules an order card is built with (the defaults of Settings), for moves that return it.
CARD_RULES = (DisputeRules(), FeedbackRules())

PATH: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.AWAITING_PAYMENT: (),
    OrderStatus.AWAITING_SHIPMENT: (OrderStatus.AWAITING_SHIPMENT,),
    OrderStatus.SHIPPED: (OrderStatus.AWAITING_SHIPMENT, OrderStatus.SHIPPED),
    OrderStatus.DELIVERED: (
        OrderStatus.AWAITING_SHIPMENT,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
    ),
    OrderStatus.COMPLETED: (
        OrderStatus.AWAITING_SHIPMENT,
        OrderStatus.SHIPPED,
        OrderStatus.COMPLETED,
    ),
    OrderStatus.CLOSED: (OrderStatus.CLOSED,),
}


async def make_buyer(
    uow: UnitOfWork,
    telegram_id: int,
    now: datetime,
    *,
    language_code: str | None = "en",
    name: str = "Anna",
    external_id: str | None = None,
    registered: bool = True,
) -> User:
    """A Telegram buyer signed in to their account (`registered=False`: a guest); with
    `external_id` the account is the marketplace's too (the API sees it)."""
    async with uow:
        user, _ = await resolve_buyer(
            uow, TelegramProfile(telegram_id, name, None, language_code), now
        )
        if external_id is not None:
            user.external_id = external_id
        if registered:
            user.registered_at = now
        await uow.commit()
        return user


async def make_coupon(
    uow: UnitOfWork,
    buyer: User,
    now: datetime,
    *,
    title: str = "Store coupon",
    store_name: str | None = "UGREEN Official Store",
    discount_minor: int | None = 300,
    percent_off: int | None = None,
    min_order_minor: int = 2000,
    currency: str = "USD",
    expires_in: timedelta = timedelta(days=10),
    used_days_ago: float | None = None,
    used_on: Order | None = None,
    starts_in: timedelta | None = None,
    titles: dict[str, str] | None = None,
) -> Coupon:
    """A coupon as the marketplace would give it (`store_name` None: platform-wide), with its
    expiry reminder in the deadlines table like the service keeps it."""
    seq = next(_numbers)
    async with uow:
        store = None
        if store_name is not None:
            store = await uow.stores.ensure_store(f"s-{store_name}", store_name, now)
        coupon = Coupon(
            user_id=buyer.id,
            external_id=f"c-{seq}",
            store_id=store.id if store is not None else None,
            title=title,
            titles=titles or {"en": title},
            discount_minor=discount_minor if percent_off is None else None,
            percent_off=percent_off,
            currency=currency,
            min_order_minor=min_order_minor,
            starts_at=now + starts_in if starts_in is not None else None,
            expires_at=now + expires_in,
            used_at=now - timedelta(days=used_days_ago) if used_days_ago is not None else None,
            order_id=used_on.id if used_on is not None else None,
            created_at=now,
            updated_at=now,
        )
        uow.coupons.add(coupon)
        await uow.coupons.flush()
        await sync_coupon_deadline(uow, coupon, now)
        await uow.commit()
        return coupon


async def make_order(
    uow: UnitOfWork,
    buyer: User,
    now: datetime,
    *,
    status: OrderStatus = OrderStatus.AWAITING_PAYMENT,
    title: str = "Bluetooth earbuds",
    price_minor: int = 2450,
    quantity: int = 1,
    currency: str = "USD",
    store_name: str = "UGREEN Official Store",
    extra_titles: tuple[str, ...] = (),
    days_ago: float = 10,
    protection_days: int = 60,
    shipped_days_ago: float | None = None,
    events: tuple[tuple[TrackingEventKind, float, str], ...] = (),
    number: str | None = None,
    deleted_days_ago: float | None = None,
) -> Order:
    """An order that walked the real status machine to `status`."""
    seq = next(_numbers)
    async with uow:
        store = await uow.stores.ensure_store(f"s-{store_name}", store_name, now)
        items = [NewItem(title, price_minor, quantity)]
        items += [NewItem(extra, 100) for extra in extra_titles]
        placed = now - timedelta(days=days_ago)
        order = build_order(
            buyer_id=buyer.id,
            store=store,
            number=number or f"81{seq:014d}",
            currency=currency,
            items=items,
            placed_at=placed,
            shipping_address={"recipient": "Anna", "city": "Moscow", "country": "RU"},
        )
        step_time = placed
        shipped_at = now - timedelta(days=shipped_days_ago) if shipped_days_ago else None
        for step in PATH[status]:
            step_time += timedelta(hours=1)
            when = shipped_at if step is OrderStatus.SHIPPED and shipped_at else step_time
            order_status.advance(
                order,
                step,
                when,
                protection_days=protection_days,
                close_reason=CloseReason.CANCELLED_BY_BUYER,
            )
            step_time = max(step_time, when)
        if order.shipped_at is not None:
            order.tracking_number = f"LP{seq:010d}CN"
            order.carrier = "Cainiao"
        order.events = [
            TrackingEvent(occurred_at=now - timedelta(days=ago), kind=kind, location=place)
            for kind, ago, place in events
        ]
        if deleted_days_ago is not None:
            order.deleted_at = now - timedelta(days=deleted_days_ago)
        uow.orders.add(order)
        await uow.commit()
        return order
