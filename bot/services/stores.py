"""A store as the buyer sees it from one of their orders: how often they bought there,
whether they blocked it, and the products of that order they may report. Every lookup goes
through the buyer's own order, so a forged button never shows another buyer's store."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.db.enums import ComplaintTarget
from bot.db.models import Order, Store
from bot.db.uow import UnitOfWork
from bot.services.errors import ComplaintTargetNotFound, OrderNotFound
from bot.services.messages import center as message_center


@dataclass(frozen=True)
class StoreCard:
    """Everything the store screen shows, read in one transaction."""

    order: Order
    store: Store
    orders_count: int  # the buyer's orders there, deleted ones left out
    blocked: bool  # Unblock is offered then, Block otherwise
    saved: bool  # in the buyer's favourite stores (Save is offered while not, and not blocked)
    products: list[tuple[int, str]]  # (product id, title) of the order's items, to report


async def _card(uow: UnitOfWork, buyer_id: int, order_id: int) -> StoreCard:
    order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
    if order is None:
        raise OrderNotFound(order_id=order_id)
    count = await uow.orders.count_in_store(buyer_id, order.store_id)
    blocked = await uow.blocked_stores.get(buyer_id, order.store_id) is not None
    saved = await uow.favourite_stores.get(buyer_id, order.store_id) is not None
    products = [(item.product_id, item.title) for item in order.items if item.product_id]
    return StoreCard(order, order.store, count, blocked, saved, products)


async def store_card(uow: UnitOfWork, buyer_id: int, order_id: int) -> StoreCard:
    async with uow:
        return await _card(uow, buyer_id, order_id)


async def block_seller(uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime) -> StoreCard:
    """Returns the card as it is now, without reading it again."""
    async with uow:
        card = await _card(uow, buyer_id, order_id)
        await message_center.block_store(uow, buyer_id, card.store.id, now)
        return replace(card, blocked=True, saved=False)  # a blocked seller is no favourite


async def unblock_seller(uow: UnitOfWork, buyer_id: int, order_id: int) -> StoreCard:
    """Returns the card as it is now, without reading it again."""
    async with uow:
        card = await _card(uow, buyer_id, order_id)
        await message_center.unblock_store(uow, buyer_id, card.store.id)
        return replace(card, blocked=False)


async def order_product(uow: UnitOfWork, buyer_id: int, order_id: int, product_id: int) -> int:
    """A product of the buyer's order, to report; anything else is not theirs to report."""
    card = await store_card(uow, buyer_id, order_id)
    if product_id not in {found for found, _title in card.products}:
        raise ComplaintTargetNotFound(target=ComplaintTarget.PRODUCT.value, target_id=product_id)
    return product_id
