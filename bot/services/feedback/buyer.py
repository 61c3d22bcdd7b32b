"""Feedback on a completed order, left by the buyer once within its window, with one later
addition; the store's rating follows in the same transaction. Each returns what the screen
after it shows, built from the rows it changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import OrderStatus
from bot.db.models import Feedback, FeedbackPhoto, Store
from bot.db.uow import UnitOfWork
from bot.services.deadlines import sync_order_deadlines
from bot.services.errors import (
    FeedbackAlreadyLeft,
    FeedbackMissing,
    FeedbackNotAllowed,
    FeedbackWindowClosed,
    OrderNotFound,
    TooManyPhotos,
)
from bot.services.events import EventKind, record_order_event
from bot.services.feedback.lists import FeedbackScreen, build_feedback_screen, count_awaiting
from bot.services.feedback.rules import (
    MAX_PHOTOS,
    FeedbackRules,
    Ratings,
    addition_refusal,
    check_text,
    window_closes_at,
)
from bot.services.feedback.store_ratings import recompute_store_rating
from bot.services.files import feedback_photo_ref


@dataclass(frozen=True)
class FeedbackLeft:
    """The thanks after feedback: the store with the rating this feedback gave it, and how
    many orders still await feedback."""

    feedback: Feedback
    store: Store
    awaiting: int


def _check_text(text: str, photos: Sequence[str]) -> str:
    text = check_text(text)
    if len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(max_photos=MAX_PHOTOS)
    return text


async def _add_photos(
    uow: UnitOfWork, feedback: Feedback, photos: Sequence[str], now: datetime, additional: bool
) -> list[str]:
    """Store the photos; returns their references for the marketplace (bot/services/files)."""
    rows = [
        FeedbackPhoto(
            feedback_id=feedback.id, telegram_file_id=file_id, additional=additional, created_at=now
        )
        for file_id in photos
    ]
    for row in rows:
        uow.feedback.add(row)
    await uow.feedback.flush()
    return [feedback_photo_ref(row) for row in rows]


async def leave_feedback(  # noqa: PLR0913 - the feedback form's fields
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    ratings: Ratings,
    text: str,
    photos: Sequence[str],
    now: datetime,
    rules: FeedbackRules,
) -> FeedbackLeft:
    """Once per completed order, within the window; the store's rating follows at once."""
    ratings.check()
    text = _check_text(text, photos)
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if order.status is not OrderStatus.COMPLETED:
            raise FeedbackNotAllowed(status=order.status)
        if order.feedback_at is not None or await uow.feedback.for_order(order.id) is not None:
            raise FeedbackAlreadyLeft(order_id=order.id)
        closes = window_closes_at(order, rules)
        assert closes is not None
        if now > closes:  # the last instant still counts, as in the home summary
            raise FeedbackWindowClosed(closed_at=closes)
        feedback = Feedback(
            order_id=order.id,
            buyer_id=buyer_id,
            store_id=order.store_id,
            rating=ratings.rating,
            as_described=ratings.as_described,
            communication=ratings.communication,
            shipping_speed=ratings.shipping_speed,
            text=text,
            created_at=now,
        )
        uow.feedback.add(feedback)
        await uow.feedback.flush()
        photo_refs = await _add_photos(uow, feedback, photos, now, additional=False)
        order.feedback_at = now
        order.updated_at = now
        await sync_order_deadlines(uow, order)
        await uow.feedback.flush()
        await recompute_store_rating(uow, order.store_id, now, rules)
        store = await uow.stores.get(order.store_id)  # the one just recomputed: no query
        assert store is not None
        record_order_event(
            uow,
            EventKind.FEEDBACK_LEFT,
            order,
            now,
            feedback_id=feedback.id,
            rating=ratings.rating,
            as_described=ratings.as_described,
            communication=ratings.communication,
            shipping_speed=ratings.shipping_speed,
            text=text,
            photos=len(photos),
            photo_refs=photo_refs,
        )
        awaiting = await count_awaiting(uow, buyer_id, now, rules)
        await uow.commit()
        return FeedbackLeft(feedback, store, awaiting)


async def add_additional(  # noqa: PLR0913 - the addition form's fields
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    text: str,
    photos: Sequence[str],
    now: datetime,
    rules: FeedbackRules,
) -> FeedbackScreen:
    """One addition, within `additional_days` of the feedback; it does not change the stars.
    Returns the feedback's card as it is now."""
    text = _check_text(text, photos)
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        if (refusal := addition_refusal(feedback, now, rules)) is not None:
            raise refusal
        feedback.additional_text = text
        feedback.additional_at = now
        photo_refs = await _add_photos(uow, feedback, photos, now, additional=True)
        record_order_event(
            uow,
            EventKind.FEEDBACK_ADDITIONAL,
            order,
            now,
            feedback_id=feedback.id,
            text=text,
            photos=len(photos),
            photo_refs=photo_refs,
        )
        await uow.commit()
        return await build_feedback_screen(uow, order, feedback, now, rules)
