"""Messages with a seller: a blocked seller can be neither read nor written to, whichever
service the press reaches, until the buyer unblocks them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.db.models import OrderMessage, OutboundEvent
from bot.db.uow import UnitOfWork
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import SellerBlocked
from bot.services.feedback.rules import FeedbackRules
from bot.services.messages import center as message_center
from bot.services.messages import conversation as messages
from bot.services.orders import buyer as orders
from tests.conftest import START
from tests.factories import make_buyer, make_order

RULES = (DisputeRules(), FeedbackRules())


async def _count(uow: UnitOfWork, model: type) -> int:
    async with uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model)) or 0)


async def test_every_way_to_a_blocked_seller_is_refused_until_unblocked(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START)
    await message_center.block_store(uow, anna.id, order.store_id, START)

    assert (await orders.order_screen(uow, anna.id, order.id, START, *RULES)).seller_blocked
    for attempt in (
        messages.open_conversation(uow, anna.id, order.id, START),
        messages.check_can_write(uow, anna.id, order.id),
        messages.conversation_photos(uow, anna.id, order.id, START),
        messages.send_to_seller(uow, anna.id, order.id, "Hello", START),
        message_center.reply_to_store(uow, anna.id, order.store_id, "Hello", START),
        message_center.open_store_conversation(uow, anna.id, order.store_id, START),
    ):
        with pytest.raises(SellerBlocked) as refused:
            await attempt
        assert refused.value.store_id == order.store_id
    assert await _count(uow, OrderMessage) == 0
    assert await _count(uow, OutboundEvent) == 0

    await message_center.unblock_store(uow, anna.id, order.store_id)
    assert not (await orders.order_screen(uow, anna.id, order.id, START, *RULES)).seller_blocked
    await messages.send_to_seller(uow, anna.id, order.id, "Hello", START)
    assert await _count(uow, OrderMessage) == 1
