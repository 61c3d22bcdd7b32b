"""Following discounts: the buyer's alert settings on an item, and what a product's change
does to them — one push per crossing of a condition, never repeated until the condition ends
(`price_alerted` / `stock_alerted` go back to False) and comes back.

`follow_product_change` runs inside the transaction that saves the product's new price or
stock (bot/services/catalog.py), so the push is written only with the change that causes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.models import Product, User, WishItem
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind, notify
from bot.services.exchange_rates import RateRules, RateTable
from bot.services.wishes.errors import DropNotOffered, TargetNotBelow
from bot.services.wishes.lists import WishCard, read_card
from bot.services.wishes.rules import (
    DROP_CHOICES,
    follows_price,
    in_stock,
    parse_amount,
    price_condition_holds,
    price_in,
)

DEFAULT_RATE_RULES = RateRules(max_age=timedelta(hours=48))


def target_currency(user: User, product: Product) -> str:
    """A target is typed in the buyer's display currency, else in the product's own."""
    return user.display_currency or product.currency or "USD"


async def _rates(uow: UnitOfWork, currency: str, product: Product) -> RateTable | None:
    if currency == product.currency:
        return None
    return RateTable(await uow.rates.touching(currency))


def _arm_price(
    item: WishItem, product: Product, rates: RateTable | None, now: datetime, rules: RateRules
) -> None:
    """A new condition starts as it stands now: what already holds is not pushed."""
    item.price_alerted = bool(price_condition_holds(item, product, rates, now, rules))


async def set_target(
    uow: UnitOfWork, user: User, item_id: int, typed: str, now: datetime, rules: RateRules
) -> WishCard:
    """Alert when the price is at or below the typed amount (in the display currency); a
    target the price already meets is refused — it would never be a drop."""
    async with uow:
        card = await read_card(uow, user.id, item_id)
        item, product = card.line.item, card.line.product
        currency = target_currency(user, product)
        target = parse_amount(typed, currency)
        rates = await _rates(uow, currency, product)
        today = price_in(product, currency, rates, now, rules)
        if today is not None and today <= target:
            raise TargetNotBelow(price_minor=today, currency=currency)
        item.target_price_minor, item.target_currency = target, currency
        item.drop_percent = None
        _arm_price(item, product, rates, now, rules)
        await uow.commit()
        return card


async def set_drop(
    uow: UnitOfWork, user_id: int, item_id: int, percent: int, now: datetime, rules: RateRules
) -> WishCard:
    """Alert on any drop of `percent` % below the price when added."""
    if percent not in DROP_CHOICES:
        raise DropNotOffered(percent=percent)
    async with uow:
        card = await read_card(uow, user_id, item_id)
        item = card.line.item
        item.drop_percent = percent
        item.target_price_minor = item.target_currency = None
        _arm_price(item, card.line.product, None, now, rules)
        await uow.commit()
        return card


async def stop_price_alert(uow: UnitOfWork, user_id: int, item_id: int) -> WishCard:
    async with uow:
        card = await read_card(uow, user_id, item_id)
        item = card.line.item
        item.target_price_minor = item.target_currency = item.drop_percent = None
        item.price_alerted = False
        await uow.commit()
        return card


async def set_back_in_stock(uow: UnitOfWork, user_id: int, item_id: int, on: bool) -> WishCard:
    """Back in stock on or off; when on while it is in stock, the alert waits for it to run
    out and come back."""
    async with uow:
        card = await read_card(uow, user_id, item_id)
        item = card.line.item
        item.back_in_stock = on
        item.stock_alerted = bool(in_stock(card.line.product.stock)) if on else False
        await uow.commit()
        return card


async def follow_product_change(
    uow: UnitOfWork,
    product: Product,
    previous_price: int | None,
    previous_stock: int | None,
    now: datetime,
    rules: RateRules = DEFAULT_RATE_RULES,
) -> int:
    """Push the buyers whose condition this change crossed; reset those whose condition
    ended. Call inside the transaction saving the change. Returns how many pushes it wrote."""
    del previous_price, previous_stock  # the items' flags say what held before
    items = await uow.wishes.following(product.id)
    if not items:
        return 0
    blocked = await uow.blocked_stores.which_of({(i.user_id, product.store_id) for i in items})
    tables: dict[str, RateTable] = {}
    for item in items:
        code = item.target_currency
        if code is not None and code != product.currency and code not in tables:
            tables[code] = RateTable(await uow.rates.touching(code))
    stamp = now.isoformat()
    pushed = 0
    for item in items:
        # A blocked store's product changes the flags but never reaches the buyer.
        silent = (item.user_id, product.store_id) in blocked
        payload = {"item_id": item.id, "product_id": product.id}
        if follows_price(item):
            rates = tables.get(item.target_currency or "")
            holds = price_condition_holds(item, product, rates, now, rules)
            if holds is True and not item.price_alerted:
                item.price_alerted = True
                if not silent:
                    key = f"wish_price:{item.user_id}:{product.id}:{stamp}"
                    await notify(uow, item.user_id, NoticeKind.WISH_PRICE, payload, key, now)
                    pushed += 1
            elif holds is False:
                item.price_alerted = False
        elif item.price_alerted:
            item.price_alerted = False
        stocked = in_stock(product.stock)
        if stocked is False:
            item.stock_alerted = False
        elif stocked and item.back_in_stock and not item.stock_alerted:
            item.stock_alerted = True
            if not silent:
                key = f"wish_stock:{item.user_id}:{product.id}:{stamp}"
                await notify(uow, item.user_id, NoticeKind.WISH_STOCK, payload, key, now)
                pushed += 1
    return pushed
