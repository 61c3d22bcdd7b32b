"""The cabinet's home: what needs the buyer's attention, like the web cabinet's summary.

`home_screen` is the one read behind /start, /menu and every Home button: a guest is offered
to sign in, an account sees its orders by status, its coupons and unread messages, and what moved in
its shopping: wishes that got cheaper, new arrivals in its favourite stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.enums import OrderStatus
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.demo import ensure_demo_account
from bot.services.feedback.rules import FeedbackRules
from bot.services.messages import center as message_center
from bot.services.users import mark_onboarded


@dataclass(frozen=True)
class CabinetSummary:
    to_pay: int
    to_ship: int
    to_receive: int
    to_review: int
    total: int
    trashed: int
    coupons: int = 0  # active ones
    messages: int = 0  # unread in the message center
    cheaper_wishes: int = 0  # wished products that cost less now than when added
    new_arrivals: int = 0  # products added to saved stores since the buyer's last visit


@dataclass(frozen=True)
class HomeScreen:
    """Everything the home screen shows: `summary` is None for a guest, who has no cabinet
    yet and is offered ways in instead."""

    first_name: str
    summary: CabinetSummary | None


async def cabinet_summary(
    uow: UnitOfWork, buyer_id: int, now: datetime, feedback_window_days: int
) -> CabinetSummary:
    async with uow:
        counts, trashed = await uow.orders.status_counts(buyer_id)
        to_review = await uow.orders.count_awaiting_feedback(
            buyer_id, now - timedelta(days=feedback_window_days)
        )
        return CabinetSummary(
            to_pay=counts.get(OrderStatus.AWAITING_PAYMENT, 0),
            to_ship=counts.get(OrderStatus.AWAITING_SHIPMENT, 0),
            to_receive=counts.get(OrderStatus.SHIPPED, 0) + counts.get(OrderStatus.DELIVERED, 0),
            to_review=to_review,
            total=sum(counts.values()),
            trashed=trashed,
            coupons=await uow.coupons.count_active(buyer_id, now),
            messages=(await message_center.inbox(uow, buyer_id)).total,
            cheaper_wishes=await uow.wishes.count_cheaper(buyer_id),
            new_arrivals=await uow.favourite_stores.count_new_arrivals(buyer_id),
        )


async def home_screen(
    uow: UnitOfWork, user: User, now: datetime, feedback: FeedbackRules
) -> HomeScreen:
    """The home of `user` as they are now (a guest, or signed in to an account)."""
    if not is_account(user):
        return HomeScreen(user.first_name, None)
    summary = await cabinet_summary(uow, user.id, now, feedback.window_days)
    return HomeScreen(user.first_name, summary)


async def first_visit_home(
    uow: UnitOfWork,
    user: User,
    now: datetime,
    feedback: FeedbackRules,
    demo_language: str | None = None,
) -> HomeScreen:
    """/start: the first one marks the buyer onboarded and, where the cabinet runs with demo
    data (`demo_language` given), fills a sample account in that language; then home."""
    if await mark_onboarded(uow, user, now) and demo_language is not None:
        await ensure_demo_account(uow, user, demo_language, now)
    return await home_screen(uow, user, now, feedback)
