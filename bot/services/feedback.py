"""Feedback on completed orders: what awaits it, leaving it once with one later addition, the
seller's reply, and the store rating recomputed in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from bot.db.enums import OrderStatus
from bot.db.models import Feedback, FeedbackPhoto, Order
from bot.db.uow import UnitOfWork
from bot.services.deadlines import sync_order_deadlines
from bot.services.errors import (
    DomainError,
    FeedbackAlreadyLeft,
    FeedbackMissing,
    FeedbackNotAllowed,
    FeedbackReplyExists,
    FeedbackWindowClosed,
    OrderNotFound,
    OrderNumberNotFound,
    RatingOutOfRange,
    TextTooLong,
    TooManyPhotos,
)
from bot.services.events import EventKind, NoticeKind, notify, record_order_event
from bot.services.files import feedback_photo_ref
from bot.services.lengths import utf16_len

MAX_TEXT_LENGTH = 1000
MAX_PHOTOS = 5
MIN_STARS, MAX_STARS = 1, 5
POSITIVE_FROM = 4  # 4 and 5 stars count as positive, as on the marketplace


@dataclass(frozen=True)
class FeedbackRules:
    """The knobs from Settings (FEEDBACK_*), passed in so the service stays config-free."""

    window_days: int = 30
    additional_days: int = 150
    rating_period_days: int = 180


@dataclass(frozen=True)
class Ratings:
    """Stars for the seller overall and for three details, each 1 to 5."""

    rating: int
    as_described: int
    communication: int
    shipping_speed: int

    def check(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not MIN_STARS <= value <= MAX_STARS:
                raise RatingOutOfRange(field=field.name, value=value)


@dataclass(frozen=True)
class StoreRating:
    positive_share: float | None
    average: float | None
    count: int


def store_rating(count: int, total: int, positive: int) -> StoreRating:
    """The rating from the count, the sum of stars and the count of 4-5 star ratings."""
    if count == 0:
        return StoreRating(None, None, 0)
    return StoreRating(positive / count, total / count, count)


def window_closes_at(order: Order, rules: FeedbackRules) -> datetime | None:
    if order.completed_at is None:
        return None
    return order.completed_at + timedelta(days=rules.window_days)


def additional_closes_at(feedback: Feedback, rules: FeedbackRules) -> datetime:
    return feedback.created_at + timedelta(days=rules.additional_days)


def check_text(text: str) -> str:
    """The text of a review or of its addition, trimmed; checked when it is typed (the form's
    text step) and again when it is submitted. Counted in UTF-16 units, as Telegram shows it."""
    text = text.strip()
    if utf16_len(text) > MAX_TEXT_LENGTH:
        raise TextTooLong(max_length=MAX_TEXT_LENGTH, length=utf16_len(text))
    return text


def _check_text(text: str, photos: Sequence[str]) -> str:
    text = check_text(text)
    if len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(max_photos=MAX_PHOTOS)
    return text


@dataclass(frozen=True)
class AwaitingPage:
    orders: list[Order]  # store loaded; soonest-closing window first
    total: int


async def awaiting_feedback(
    uow: UnitOfWork, buyer_id: int, now: datetime, rules: FeedbackRules, offset: int, limit: int
) -> AwaitingPage:
    """Completed orders still open for feedback (the home summary counts the same)."""
    async with uow:
        since = now - timedelta(days=rules.window_days)
        orders, total = await uow.feedback.awaiting_page(buyer_id, since, offset, limit)
        return AwaitingPage(orders, total)


async def get_feedback(uow: UnitOfWork, buyer_id: int, order_id: int) -> Feedback | None:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return await uow.feedback.for_order(order.id)


async def recompute_store_rating(
    uow: UnitOfWork, store_id: int, now: datetime, rules: FeedbackRules
) -> StoreRating:
    """Inside the caller's transaction, after its feedback is flushed."""
    since = now - timedelta(days=rules.rating_period_days)
    rating = store_rating(*await uow.feedback.store_totals(store_id, since))
    store = await uow.stores.get(store_id)
    assert store is not None
    store.rating_positive_share = rating.positive_share
    store.rating_average = rating.average
    store.rating_count = rating.count
    return rating


async def refresh_store_ratings(uow: UnitOfWork, now: datetime, rules: FeedbackRules) -> int:
    """Recompute every rated store's numbers: feedback older than the period drops out even
    when no new feedback comes (a daily job). Returns how many stores were looked at."""
    async with uow:
        store_ids = await uow.stores.rated_ids()
        for store_id in store_ids:
            await recompute_store_rating(uow, store_id, now, rules)
        await uow.commit()
        return len(store_ids)


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
) -> Feedback:
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
        await uow.commit()
        return feedback


async def add_additional(  # noqa: PLR0913 - the addition form's fields
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    text: str,
    photos: Sequence[str],
    now: datetime,
    rules: FeedbackRules,
) -> Feedback:
    """One addition, within `additional_days` of the feedback; it does not change the stars."""
    text = _check_text(text, photos)
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        if feedback.additional_at is not None:
            raise FeedbackAlreadyLeft(order_id=order.id, additional=True)
        closes = additional_closes_at(feedback, rules)
        if now >= closes:
            raise FeedbackWindowClosed(closed_at=closes)
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
        return feedback


# --- the marketplace's side -------------------------------------------------------------------


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


# --- what the buyer's screens need ------------------------------------------------------------


async def check_feedback_allowed(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> Order:
    """The checks of `leave_feedback`, before the buyer spends time on the form."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if (refusal := feedback_refusal(order, now, rules)) is not None:
            raise refusal
        return order


def feedback_refusal(order: Order, now: datetime, rules: FeedbackRules) -> DomainError | None:
    """Why feedback cannot be left on this order now (None: it can): the order card offers
    Leave feedback exactly when the form would accept it."""
    if order.status is not OrderStatus.COMPLETED:
        return FeedbackNotAllowed(status=order.status)
    if order.feedback_at is not None:
        return FeedbackAlreadyLeft(order_id=order.id)
    closes = window_closes_at(order, rules)
    assert closes is not None
    if now > closes:
        return FeedbackWindowClosed(closed_at=closes)
    return None


@dataclass(frozen=True)
class FeedbackCard:
    order: Order  # store loaded
    feedback: Feedback
    photos: int
    additional_photos: int
    additional_until: datetime


async def feedback_card(
    uow: UnitOfWork, buyer_id: int, order_id: int, rules: FeedbackRules
) -> FeedbackCard:
    """The buyer's own feedback on one of their orders."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        photos = await uow.feedback.photos(feedback.id)
        extra = sum(1 for photo in photos if photo.additional)
        until = additional_closes_at(feedback, rules)
        return FeedbackCard(order, feedback, len(photos) - extra, extra, until)


async def check_additional_allowed(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> FeedbackCard:
    """The checks of `add_additional`, before the buyer starts writing."""
    card = await feedback_card(uow, buyer_id, order_id, rules)
    if card.feedback.additional_at is not None:
        raise FeedbackAlreadyLeft(order_id=card.order.id, additional=True)
    if now >= card.additional_until:
        raise FeedbackWindowClosed(closed_at=card.additional_until)
    return card
