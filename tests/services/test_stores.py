"""The store screen's read model: a move returns the card as a fresh read would show it, so
the keyboard never offers Block to a buyer who has blocked the seller, nor Unblock otherwise."""

from __future__ import annotations

from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.services import stores
from tests.conftest import START
from tests.factories import make_buyer, make_order


async def test_blocking_and_unblocking_return_the_card_as_it_is_now(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    await make_order(uow, anna, START, title="Cable")
    order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED, title="Desk lamp")

    blocked = await stores.block_seller(uow, anna.id, order.id, START)
    assert blocked.blocked and (await stores.store_card(uow, anna.id, order.id)).blocked
    assert blocked.orders_count == 2 and blocked.store.name == "UGREEN Official Store"

    unblocked = await stores.unblock_seller(uow, anna.id, order.id)
    assert not unblocked.blocked
    assert not (await stores.store_card(uow, anna.id, order.id)).blocked
