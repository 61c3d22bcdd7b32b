"""A realistic sample account, so a new buyer (or a reviewer) sees every part of the cabinet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.enums import CloseReason, OrderStatus, TrackingEventKind
from bot.db.models import Coupon, Order, TrackingEvent, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import bind_telegram_owner
from bot.services.deadlines import sync_coupon_deadline, sync_order_deadlines
from bot.services.exchange_rates import seed_demo_rates
from bot.services.messages.demo import seed_demo_messages
from bot.services.orders import status as order_status
from bot.services.orders.factory import NewItem, build_order

S = OrderStatus
K = TrackingEventKind

STORES = {
    "xiaomi": "Xiaomi Official Store",
    "baseus": "Baseus Global Store",
    "ugreen": "UGREEN Official Store",
    "home": "Cozy Home & Garden Store",
    "sport": "ProFit Sports Store",
}

ADDRESSES = {
    "en": {
        "recipient": "Anna Smith",
        "phone": "+1 415 555 0100",
        "country": "US",
        "region": "California",
        "city": "San Francisco",
        "street": "1 Market St, apt 5",
        "postal_code": "94105",
    },
    "ru": {
        "recipient": "Анна Смирнова",
        "phone": "+7 912 345-67-89",
        "country": "RU",
        "region": "Москва",
        "city": "Москва",
        "street": "ул. Тверская, д. 7, кв. 12",
        "postal_code": "125009",
    },
}

ORIGIN = {"en": "Shenzhen, CN", "ru": "Шэньчжэнь, Китай"}
HUB = {"en": "Guangzhou, CN", "ru": "Гуанчжоу, Китай"}
ARRIVAL = {"en": "Los Angeles, US", "ru": "Москва, Внуково"}
SORTING = {"en": "San Francisco, US", "ru": "Москва, сортировочный центр"}


@dataclass(frozen=True)
class DemoItem:
    titles: tuple[str, str]
    usd_cents: int
    quantity: int = 1
    variants: tuple[str, str] | None = None


@dataclass(frozen=True)
class DemoOrder:
    """One sample order: its goods, how many days ago each step happened, its parcel scans."""

    store: str
    items: tuple[DemoItem, ...]
    placed_days_ago: float
    steps: tuple[tuple[OrderStatus, float], ...] = ()
    scans: tuple[tuple[TrackingEventKind, float, dict[str, str]], ...] = ()
    protection_days: int = 60
    extended_days_ago: float | None = None
    close_reason: CloseReason | None = None
    feedback_days_ago: float | None = None
    deleted_days_ago: float | None = None
    shipping_usd_cents: int = 0
    carrier: str = "Cainiao"


DEMO_ORDERS: tuple[DemoOrder, ...] = (
    DemoOrder(
        "xiaomi",
        (DemoItem(("Smart band 9, AMOLED display", "Фитнес-браслет Smart Band 9, AMOLED"), 3499),),
        placed_days_ago=0.3,
    ),
    DemoOrder(
        "baseus",
        (
            DemoItem(("65W GaN charger, 3 ports", "Зарядное устройство GaN 65 Вт, 3 порта"), 2890),
            DemoItem(("USB-C cable 100W, 2 m", "Кабель USB-C 100 Вт, 2 м"), 599, 2),
        ),
        placed_days_ago=3,
        steps=((S.AWAITING_SHIPMENT, 2.9),),
    ),
    DemoOrder(
        "ugreen",
        (
            DemoItem(
                ("Bluetooth 5.3 earbuds", "Беспроводные наушники Bluetooth 5.3"),
                2450,
                variants=("Colour: white", "Цвет: белый"),
            ),
        ),
        placed_days_ago=16,
        steps=((S.AWAITING_SHIPMENT, 15.8), (S.SHIPPED, 12)),
        scans=(
            (K.ACCEPTED, 12, ORIGIN),
            (K.LEFT_ORIGIN, 10.5, HUB),
            (K.IN_TRANSIT, 8, HUB),
            (K.ARRIVED_DESTINATION_COUNTRY, 4, ARRIVAL),
            (K.CUSTOMS_CLEARED, 2.5, ARRIVAL),
        ),
    ),
    DemoOrder(
        "home",
        (
            DemoItem(
                (
                    "LED desk lamp with wireless charger",
                    "Настольная LED-лампа с беспроводной зарядкой",
                ),
                1999,
            ),
        ),
        placed_days_ago=62,
        steps=((S.AWAITING_SHIPMENT, 61), (S.SHIPPED, 58)),
        protection_days=60,
        scans=(
            (K.ACCEPTED, 57, ORIGIN),
            (K.LEFT_ORIGIN, 55, HUB),
            (K.ARRIVED_DESTINATION_COUNTRY, 30, ARRIVAL),
            (K.ARRIVED_SORTING_CENTER, 21, SORTING),
        ),
        shipping_usd_cents=199,
    ),
    DemoOrder(
        "sport",
        (DemoItem(("Resistance bands set, 5 pcs", "Набор фитнес-резинок, 5 шт."), 1290),),
        placed_days_ago=40,
        steps=((S.AWAITING_SHIPMENT, 39), (S.SHIPPED, 35), (S.DELIVERED, 2)),
        protection_days=45,
        extended_days_ago=1,
        scans=(
            (K.ACCEPTED, 34, ORIGIN),
            (K.ARRIVED_DESTINATION_COUNTRY, 9, ARRIVAL),
            (K.READY_FOR_PICKUP, 3, SORTING),
            (K.DELIVERED, 2, SORTING),
        ),
    ),
    DemoOrder(
        "xiaomi",
        (DemoItem(("Electric toothbrush T302", "Электрическая зубная щётка T302"), 2199),),
        placed_days_ago=75,
        steps=((S.AWAITING_SHIPMENT, 74), (S.SHIPPED, 70), (S.DELIVERED, 6)),
        protection_days=65,
        scans=((K.ACCEPTED, 69, ORIGIN), (K.DELIVERED, 6, SORTING)),
        carrier="AliExpress Standard Shipping",
    ),
    DemoOrder(
        "baseus",
        (DemoItem(("Magnetic car phone holder", "Магнитный держатель телефона в авто"), 1150),),
        placed_days_ago=30,
        steps=((S.AWAITING_SHIPMENT, 29), (S.SHIPPED, 26), (S.DELIVERED, 8), (S.COMPLETED, 5)),
        scans=((K.ACCEPTED, 25, ORIGIN), (K.DELIVERED, 8, SORTING)),
    ),
    DemoOrder(
        "ugreen",
        (DemoItem(("USB-C hub 7-in-1", "USB-C хаб 7-в-1"), 3290),),
        placed_days_ago=120,
        steps=((S.AWAITING_SHIPMENT, 119), (S.SHIPPED, 115), (S.COMPLETED, 90)),
        scans=((K.ACCEPTED, 114, ORIGIN), (K.DELIVERED, 92, SORTING)),
        feedback_days_ago=88,
    ),
    DemoOrder(
        "home",
        (
            DemoItem(
                (
                    "Silicone kitchen utensils, 12 pcs",
                    "Набор силиконовых кухонных приборов, 12 шт.",
                ),
                1890,
            ),
        ),
        placed_days_ago=20,
        steps=((S.CLOSED, 19),),
        close_reason=CloseReason.PAYMENT_TIMEOUT,
    ),
    DemoOrder(
        "sport",
        (
            DemoItem(
                ("Yoga mat 6 mm", "Коврик для йоги 6 мм"),
                1590,
                variants=("Colour: purple", "Цвет: фиолетовый"),
            ),
        ),
        placed_days_ago=50,
        steps=((S.AWAITING_SHIPMENT, 49), (S.CLOSED, 40)),
        close_reason=CloseReason.REFUNDED,
    ),
    DemoOrder(
        "xiaomi",
        (DemoItem(("Phone case, transparent", "Прозрачный чехол для телефона"), 399, 2),),
        placed_days_ago=100,
        steps=((S.AWAITING_SHIPMENT, 99), (S.SHIPPED, 95), (S.COMPLETED, 70)),
        deleted_days_ago=4,
    ),
)


@dataclass(frozen=True)
class DemoCoupon:
    """One sample coupon; `store` None is a platform coupon, `used_on` an index in DEMO_ORDERS."""

    titles: tuple[str, str]
    expires_in_days: float
    store: str | None = None
    usd_cents_off: int | None = None
    percent_off: int | None = None
    min_usd_cents: int = 0
    used_days_ago: float | None = None
    used_on: int | None = None


DEMO_COUPONS: tuple[DemoCoupon, ...] = (
    DemoCoupon(("Store coupon", "Купон магазина"), 2, "xiaomi", 300, min_usd_cents=2000),
    DemoCoupon(("Select coupon", "Купон на всё"), 12, None, percent_off=8),
    DemoCoupon(("New follower gift", "Подарок подписчику"), 20, "baseus", 500, min_usd_cents=4000),
    DemoCoupon(
        ("Welcome coupon", "Приветственный купон"), 25, None, 200, used_days_ago=30, used_on=6
    ),
    DemoCoupon(("11.11 Sale", "Распродажа 11.11"), -3, "ugreen", 400, min_usd_cents=3500),
)


def _price(usd_cents: int, currency: str) -> int:
    """Demo prices in the buyer's usual currency (whole roubles for RUB)."""
    if currency == "RUB":
        return usd_cents * 95 // 100 * 100
    return usd_cents


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "ru" else pair[0]


async def seed_demo_account(uow: UnitOfWork, user: User, lang: str, now: datetime) -> int:
    """Give `user` the sample orders (titles and money in their language); returns how many."""
    currency = "RUB" if lang == "ru" else "USD"

    def days(ago: float) -> datetime:
        return now - timedelta(days=ago)

    async with uow:
        user.registered_at = user.registered_at or now  # the sample is an account's
        existing, trashed = await uow.orders.status_counts(user.id)
        sequence = sum(existing.values()) + trashed
        made: list[Order] = []
        for index, spec in enumerate(DEMO_ORDERS, start=sequence + 1):
            store = await uow.stores.ensure_store(f"demo-{spec.store}", STORES[spec.store], now)
            items = [
                NewItem(
                    title=_pick(item.titles, lang),
                    unit_price_minor=_price(item.usd_cents, currency),
                    quantity=item.quantity,
                    variant=_pick(item.variants, lang) if item.variants else None,
                )
                for item in spec.items
            ]
            order = build_order(
                buyer_id=user.id,
                store=store,
                number=f"8{user.id:08d}{index:07d}",
                currency=currency,
                items=items,
                placed_at=days(spec.placed_days_ago),
                shipping_address=ADDRESSES[lang if lang in ADDRESSES else "en"],
                shipping_minor=_price(spec.shipping_usd_cents, currency),
            )
            for status, ago in spec.steps:
                order_status.advance(
                    order,
                    status,
                    days(ago),
                    protection_days=spec.protection_days,
                    close_reason=spec.close_reason,
                )
            if order.shipped_at is not None:
                order.carrier = spec.carrier
                order.tracking_number = f"LP00{user.id:06d}{index:05d}CN"
            if spec.extended_days_ago is not None and order.protection_ends_at is not None:
                order.protection_extended_at = days(spec.extended_days_ago)
                order.protection_ends_at += timedelta(days=15)
            if spec.feedback_days_ago is not None:
                order.feedback_at = days(spec.feedback_days_ago)
            if spec.deleted_days_ago is not None:
                order.deleted_at = days(spec.deleted_days_ago)
            order.events = [
                TrackingEvent(
                    occurred_at=days(ago),
                    kind=kind,
                    location=place[lang if lang in place else "en"],
                    carrier_event_id=f"demo-{index}-{number}",
                )
                for number, (kind, ago, place) in enumerate(spec.scans)
            ]
            uow.orders.add(order)
            await uow.orders.flush()
            await sync_order_deadlines(uow, order)
            made.append(order)
        await _seed_coupons(uow, user, lang, now, made, f"demo-{sequence + 1}")
        await seed_demo_messages(uow, user, lang, now, made, f"demo-{sequence + 1}")
        await uow.commit()
        return len(DEMO_ORDERS)


async def _seed_coupons(
    uow: UnitOfWork, user: User, lang: str, now: datetime, orders: list[Order], prefix: str
) -> None:
    """The sample coupons: active ones soon and later, store and platform, used, expired."""
    currency = "RUB" if lang == "ru" else "USD"
    for number, spec in enumerate(DEMO_COUPONS, start=1):
        store = None
        if spec.store is not None:
            store = await uow.stores.ensure_store(f"demo-{spec.store}", STORES[spec.store], now)
        expires = now + timedelta(days=spec.expires_in_days)
        used_on = orders[spec.used_on] if spec.used_on is not None else None
        titles = {"en": spec.titles[0], "ru": spec.titles[1]}
        coupon = Coupon(
            user_id=user.id,
            external_id=f"{prefix}-{number}",
            store_id=store.id if store is not None else None,
            title=spec.titles[0],
            titles=titles,
            discount_minor=_price(spec.usd_cents_off, currency) if spec.usd_cents_off else None,
            percent_off=spec.percent_off,
            currency=currency,
            min_order_minor=_price(spec.min_usd_cents, currency),
            starts_at=min(now, expires) - timedelta(days=35),
            expires_at=expires,
            used_at=now - timedelta(days=spec.used_days_ago) if spec.used_days_ago else None,
            order_id=used_on.id if used_on is not None else None,
            created_at=now,
            updated_at=now,
        )
        uow.coupons.add(coupon)
        await uow.coupons.flush()
        await sync_coupon_deadline(uow, coupon, now)


async def ensure_demo_account(uow: UnitOfWork, user: User, lang: str, now: datetime) -> int:
    """Seed the sample account on a first visit, unless the buyer already has orders.

    The demo buyer is signed in to it as if they had tapped Continue with Telegram."""
    async with uow:
        counts, trashed = await uow.orders.status_counts(user.id)
        if counts or trashed:
            return 0
        await seed_demo_rates(uow, now)
        if user.telegram_id is not None:  # so Continue with Telegram leads back to it
            await bind_telegram_owner(uow, user, user.telegram_id)
        return await seed_demo_account(uow, user, lang, now)
