"""Feedback's rules without a database: the stars, the limits of text and photos, and how long
feedback and its one addition may be left."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from bot.db.enums import OrderStatus
from bot.db.models import Feedback, Order
from bot.services.errors import (
    DomainError,
    FeedbackAlreadyLeft,
    FeedbackNotAllowed,
    FeedbackWindowClosed,
    RatingOutOfRange,
    TextTooLong,
)
from bot.services.lengths import utf16_len

MAX_TEXT_LENGTH = 1000
MAX_PHOTOS = 5
MIN_STARS, MAX_STARS = 1, 5


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


def window_closes_at(order: Order, rules: FeedbackRules) -> datetime | None:
    if order.completed_at is None:
        return None
    return order.completed_at + timedelta(days=rules.window_days)


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


def additional_closes_at(feedback: Feedback, rules: FeedbackRules) -> datetime:
    return feedback.created_at + timedelta(days=rules.additional_days)


def addition_refusal(feedback: Feedback, now: datetime, rules: FeedbackRules) -> DomainError | None:
    """Why the one addition cannot be made now (None: it can): the feedback card says it can
    exactly when the form would take it."""
    if feedback.additional_at is not None:
        return FeedbackAlreadyLeft(order_id=feedback.order_id, additional=True)
    closes = additional_closes_at(feedback, rules)
    if now >= closes:
        return FeedbackWindowClosed(closed_at=closes)
    return None


def check_text(text: str) -> str:
    """The text of a review or of its addition, trimmed; checked when it is typed (the form's
    text step) and again when it is submitted. Counted in UTF-16 units, as Telegram shows it."""
    text = text.strip()
    if utf16_len(text) > MAX_TEXT_LENGTH:
        raise TextTooLong(max_length=MAX_TEXT_LENGTH, length=utf16_len(text))
    return text
