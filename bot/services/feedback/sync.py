"""The marketplace's side of feedback: the seller's one reply, pushed to the buyer, and a
feedback found by its order's number."""

from __future__ import annotations

from datetime import datetime

from bot.db.models import Feedback, Order
from bot.db.uow import UnitOfWork
from bot.services.errors import FeedbackMissing, FeedbackReplyExists, OrderNumberNotFound
from bot.services.events import NoticeKind, notify


async def seller_reply(uow: UnitOfWork, number: str, text: str, now: datetime) -> Feedback:
    """The seller answers the feedback once (the same text again is a no-op, another 409);
    the buyer is pushed the reply."""
    async with uow:
        order = await uow.orders.by_number(number)
        if order is None:
            raise OrderNumberNotFound(number=number)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        if feedback.seller_reply is not None:
            if feedback.seller_reply == text:
                return feedback
            raise FeedbackReplyExists(order_number=order.number)
        feedback.seller_reply = text
        feedback.seller_reply_at = now
        await notify(
            uow,
            order.buyer_id,
            NoticeKind.FEEDBACK_REPLY,
            {"order_id": order.id, "feedback_id": feedback.id},
            f"feedback:{feedback.id}:reply",
            now,
        )
        await uow.commit()
        return feedback


async def feedback_by_number(uow: UnitOfWork, number: str) -> tuple[Order, Feedback]:
    async with uow:
        order = await uow.orders.by_number(number)
        if order is None:
            raise OrderNumberNotFound(number=number)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        return order, feedback
