"""Messages with the seller about one order: read the conversation, write to the seller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import MessageSender
from bot.db.models import Order, OrderMessage
from bot.db.uow import UnitOfWork
from bot.services.errors import MessageTooLong, OrderNotFound
from bot.services.events import EventKind, record_order_event

MAX_MESSAGE_LENGTH = 2000
SHOWN_MESSAGES = 10


@dataclass(frozen=True)
class Conversation:
    order: Order
    messages: list[OrderMessage]  # the latest ones, oldest first
    total: int


async def open_conversation(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime
) -> Conversation:
    """The latest messages about the buyer's order; the seller's ones count as read now."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        messages = await uow.messages.for_order(order.id, 0, 10_000)
        for message in messages:
            if message.sender is not MessageSender.BUYER and message.read_at is None:
                message.read_at = now
        await uow.commit()
        return Conversation(order, messages[-SHOWN_MESSAGES:], len(messages))


async def check_can_write(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """Before the message form opens: is this the buyer's order?"""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return order


async def send_to_seller(
    uow: UnitOfWork, buyer_id: int, order_id: int, text: str, now: datetime
) -> OrderMessage:
    """Store the buyer's message and queue it for the marketplace, which delivers it."""
    text = text.strip()
    if len(text) > MAX_MESSAGE_LENGTH:
        raise MessageTooLong(max_length=MAX_MESSAGE_LENGTH)
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        message = OrderMessage(
            order_id=order.id, sender=MessageSender.BUYER, text=text, sent_at=now
        )
        uow.messages.add(message)
        await uow.orders.flush()
        record_order_event(
            uow, EventKind.MESSAGE_SENT, order, now, message_id=message.id, text=text
        )
        await uow.commit()
        return message
