"""Messages with the seller about one order: read the conversation, its photos, write to the
seller. What a screen shows is read in one transaction; writing returns the conversation the
message is now part of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import MessageSender
from bot.db.models import Order, OrderMessage
from bot.db.uow import UnitOfWork
from bot.services.errors import MessageTooLong, OrderNotFound, SellerBlocked
from bot.services.events import EventKind, record_order_event
from bot.services.files import message_photo_ref
from bot.services.lengths import utf16_len

MAX_MESSAGE_LENGTH = 2000
SHOWN_PHOTOS = 10  # "Show photos" sends the latest ones, one message each


@dataclass(frozen=True)
class Conversation:
    order: Order
    messages: list[OrderMessage]  # all of them, oldest first; the screen pages them
    total: int
    photos: int = 0  # how many messages of the whole conversation have a photo


async def check_not_blocked(uow: UnitOfWork, buyer_id: int, store_id: int) -> None:
    """SellerBlocked when the buyer blocked this seller (inside a transaction)."""
    if await uow.blocked_stores.get(buyer_id, store_id) is not None:
        raise SellerBlocked(store_id=store_id)


async def _unblocked_order(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """The buyer's order whose seller the buyer has not blocked (inside a transaction)."""
    order = await uow.orders.get_for_buyer(buyer_id, order_id)
    if order is None:
        raise OrderNotFound(order_id=order_id)
    await check_not_blocked(uow, buyer_id, order.store_id)
    return order


async def _conversation(uow: UnitOfWork, order: Order, now: datetime) -> Conversation:
    """The conversation about an order read in this transaction; the seller's messages count
    as read now."""
    messages = await uow.messages.for_order(order.id, 0, 10_000)
    for message in messages:
        if _unread(message):
            message.read_at = now
    await uow.commit()
    photos = sum(message.photo_file_id is not None for message in messages)
    return Conversation(order, messages, len(messages), photos)


def _unread(message: OrderMessage) -> bool:
    return message.sender is not MessageSender.BUYER and message.read_at is None


async def open_conversation(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime
) -> Conversation:
    """The latest messages about the buyer's order; the seller's ones count as read now.
    A blocked seller's conversation stays hidden (SellerBlocked) until they are unblocked."""
    async with uow:
        order = await _unblocked_order(uow, buyer_id, order_id)
        return await _conversation(uow, order, now)


def latest_photos(messages: list[OrderMessage]) -> list[str]:
    """File ids of the latest photos of messages given oldest first, oldest first."""
    found = [message.photo_file_id for message in messages if message.photo_file_id]
    return found[-SHOWN_PHOTOS:]


async def conversation_photos(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime
) -> tuple[list[str], Conversation]:
    """The Telegram file ids of the latest photos in the conversation about the buyer's order,
    and the conversation, shown again below them."""
    async with uow:
        order = await _unblocked_order(uow, buyer_id, order_id)
        conversation = await _conversation(uow, order, now)
        return latest_photos(conversation.messages), conversation


async def check_can_write(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """Before the message form opens: is this the buyer's order, its seller not blocked?"""
    async with uow:
        return await _unblocked_order(uow, buyer_id, order_id)


def checked_text(text: str) -> str:
    """A message's text, trimmed; at most MAX_MESSAGE_LENGTH UTF-16 units, as Telegram counts."""
    text = text.strip()
    if utf16_len(text) > MAX_MESSAGE_LENGTH:
        raise MessageTooLong(max_length=MAX_MESSAGE_LENGTH, length=utf16_len(text))
    return text


async def add_buyer_message(
    uow: UnitOfWork, order: Order, text: str, now: datetime, photo_file_id: str | None
) -> OrderMessage:
    """Store the buyer's (checked) message about an order read in this transaction and queue
    it for the marketplace, which delivers it; committed."""
    message = OrderMessage(
        order_id=order.id,
        sender=MessageSender.BUYER,
        text=text,
        photo_file_id=photo_file_id,
        sent_at=now,
    )
    uow.messages.add(message)
    await uow.orders.flush()
    extra = {}
    if photo_file_id is not None:  # the ref is what the marketplace can fetch
        extra = {"photo_file_id": photo_file_id, "photo_ref": message_photo_ref(message)}
    record_order_event(
        uow, EventKind.MESSAGE_SENT, order, now, message_id=message.id, text=text, **extra
    )
    await uow.commit()
    return message


async def send_to_seller(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    text: str,
    now: datetime,
    photo_file_id: str | None = None,
) -> OrderMessage:
    """Store the buyer's message and queue it for the marketplace, which delivers it. With a
    photo (its Telegram file id) the text is the photo's caption and may be empty. Writing
    to a seller the buyer blocked is refused (SellerBlocked), whatever button led here."""
    text = checked_text(text)
    async with uow:
        order = await _unblocked_order(uow, buyer_id, order_id)
        return await add_buyer_message(uow, order, text, now, photo_file_id)


async def write_to_seller(  # noqa: PLR0913 - the message and who writes it when
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    text: str,
    now: datetime,
    photo_file_id: str | None = None,
) -> Conversation:
    """`send_to_seller` from the write form: returns the conversation the message is now
    part of, reading the order once."""
    text = checked_text(text)
    async with uow:
        order = await _unblocked_order(uow, buyer_id, order_id)
        await add_buyer_message(uow, order, text, now, photo_file_id)
        return await _conversation(uow, order, now)
