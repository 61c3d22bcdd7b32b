"""Feedback: the Awaiting feedback list, the buyer's feedback card, and entering the form."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import FeedbackAction, FeedbackCb, FeedbackListCb, MyFeedbackCb
from bot.keyboards.feedback import awaiting_kb, feedback_card_kb, my_feedback_kb, step_kb
from bot.services.feedback import lists as service
from bot.services.feedback.drafts import FeedbackDraft, FeedbackStep
from bot.services.feedback.lists import my_feedback
from bot.services.feedback.rules import FeedbackRules
from bot.services.messages.letters import mark_reply_read
from bot.services.paging import page_count
from bot.views.feedback.screens import (
    awaiting_text,
    feedback_card_text,
    my_feedback_text,
    step_text,
)
from bot.views.screen import show

routes = Routes("feedback", callbacks=(FeedbackListCb, MyFeedbackCb, FeedbackCb), account_only=True)


class FeedbackForm(StatesGroup):
    rating = State()
    as_described = State()
    communication = State()
    shipping_speed = State()
    text = State()
    photos = State()
    review = State()


STATE_OF = {step: getattr(FeedbackForm, step.value) for step in FeedbackStep}
STEP_OF = {state.state: step for step, state in STATE_OF.items()}


def feedback_rules(settings: Settings) -> FeedbackRules:
    return FeedbackRules(
        settings.feedback_window_days,
        settings.feedback_additional_days,
        settings.feedback_rating_period_days,
    )


async def ask(
    event: Message | CallbackQuery,
    state: FSMContext,
    draft: FeedbackDraft,
    step: FeedbackStep,
    problem: str | None = None,
) -> None:
    """Show a step's question (with why the last answer was refused) and wait for it."""
    await state.set_state(STATE_OF[step])
    await state.set_data(draft.to_data())
    await show(event, step_text(draft, step, draft.number, problem), step_kb(draft, step))


async def show_awaiting(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    page: int = 0,
) -> None:
    size, rules = settings.orders_page_size, feedback_rules(settings)
    listing = await service.awaiting_feedback(uow, user.id, clock.now(), rules, page * size, size)
    pages = page_count(listing.total, size)
    if page >= pages and listing.total:  # a page that emptied since: the last one instead
        await show_awaiting(event, uow, user, settings, clock, tz, pages - 1)
        return
    text = awaiting_text(listing, page * size, page, pages, rules, tz)
    await show(event, text, awaiting_kb(listing, page, pages))


async def show_feedback(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    order_id: int,
) -> None:
    await mark_reply_read(uow, user.id, order_id, clock.now())  # the message center's count
    card = await service.feedback_card(uow, user.id, order_id, feedback_rules(settings))
    await show(event, feedback_card_text(card, clock.now(), tz), feedback_card_kb(card))


async def show_my_feedback(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    page: int = 0,
) -> None:
    size, rules = settings.orders_page_size, feedback_rules(settings)
    listing = await my_feedback(uow, user.id, page, size)
    awaiting = await service.awaiting_feedback(uow, user.id, clock.now(), rules, 0, 0)
    await show(event, my_feedback_text(listing, size, tz), my_feedback_kb(listing, awaiting.total))


@routes.callback_query(MyFeedbackCb.filter())
async def on_my_feedback(
    query: CallbackQuery,
    callback_data: MyFeedbackCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_my_feedback(query, uow, user, settings, clock, tz, callback_data.page)


@routes.message(Command("feedback"))
async def on_feedback_command(
    message: Message,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_awaiting(message, uow, user, settings, clock, tz)


@routes.callback_query(FeedbackListCb.filter())
async def on_awaiting(
    query: CallbackQuery,
    callback_data: FeedbackListCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_awaiting(query, uow, user, settings, clock, tz, callback_data.page)


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.OPEN))
async def on_open(
    query: CallbackQuery,
    callback_data: FeedbackCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
) -> None:
    await show_feedback(query, uow, user, settings, clock, tz, callback_data.order_id)


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.RATE))
async def on_rate(
    query: CallbackQuery,
    callback_data: FeedbackCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    order = await service.check_feedback_allowed(
        uow, user.id, callback_data.order_id, clock.now(), feedback_rules(settings)
    )
    await ask(query, state, FeedbackDraft(order.id, order.number), FeedbackStep.RATING)


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.ADD))
async def on_add(
    query: CallbackQuery,
    callback_data: FeedbackCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    card = await service.check_additional_allowed(
        uow, user.id, callback_data.order_id, clock.now(), feedback_rules(settings)
    )
    draft = FeedbackDraft(card.order.id, card.order.number, additional=True)
    await ask(query, state, draft, FeedbackStep.TEXT)
