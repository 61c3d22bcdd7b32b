"""Feedback: the Awaiting feedback list, My feedback, the buyer's feedback card, and entering
the form.

Each screen is one handler: parse the button (or command), ask the service for the screen's
read model, render it.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import FeedbackAction, FeedbackCb, FeedbackListCb, MyFeedbackCb
from bot.keyboards.feedback import awaiting_kb, feedback_card_kb, my_feedback_kb, step_kb
from bot.middlewares.context import Ctx
from bot.services.feedback import lists as service
from bot.services.feedback.drafts import FeedbackDraft, FeedbackStep
from bot.services.feedback.lists import FeedbackScreen
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


async def ask(
    event: Message | CallbackQuery,
    ctx: Ctx,
    draft: FeedbackDraft,
    step: FeedbackStep,
    problem: str | None = None,
) -> None:
    """Show a step's question (with why the last answer was refused) and wait for it."""
    await ctx.state.set_state(STATE_OF[step])
    await ctx.state.set_data(draft.to_data())
    await show(event, step_text(draft, step, draft.number, problem), step_kb(draft, step))


async def show_awaiting(event: Message | CallbackQuery, ctx: Ctx, page: int = 0) -> None:
    """Awaiting feedback (also where the form leads back to)."""
    size = ctx.rules.orders_page_size
    listing = await service.awaiting_feedback(
        ctx.uow, ctx.user.id, ctx.now(), ctx.rules.feedback, page, size
    )
    await show(event, awaiting_text(listing, ctx.tz), awaiting_kb(listing))


async def show_feedback(event: Message | CallbackQuery, ctx: Ctx, order_id: int) -> None:
    """The buyer's feedback on `order_id` (also where the addition's form leads back to)."""
    card = await service.feedback_screen(
        ctx.uow, ctx.user.id, order_id, ctx.now(), ctx.rules.feedback
    )
    await render_feedback(event, card, ctx)


async def render_feedback(event: Message | CallbackQuery, card: FeedbackScreen, ctx: Ctx) -> None:
    await show(event, feedback_card_text(card, ctx.tz), feedback_card_kb(card))


@routes.message(Command("feedback"))
@routes.callback_query(FeedbackListCb.filter())
async def awaiting_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: FeedbackListCb | None = None
) -> None:
    """Awaiting feedback, from /feedback or its button; whatever form was open is left."""
    await ctx.state.clear()
    await show_awaiting(event, ctx, callback_data.page if callback_data else 0)


@routes.callback_query(MyFeedbackCb.filter())
async def my_feedback_screen(query: CallbackQuery, callback_data: MyFeedbackCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    listing = await service.my_feedback(
        ctx.uow,
        ctx.user.id,
        ctx.now(),
        ctx.rules.feedback,
        callback_data.page,
        ctx.rules.orders_page_size,
    )
    await show(query, my_feedback_text(listing, ctx.tz), my_feedback_kb(listing))


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.OPEN))
async def feedback_screen(query: CallbackQuery, callback_data: FeedbackCb, ctx: Ctx) -> None:
    await show_feedback(query, ctx, callback_data.order_id)


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.RATE))
async def on_rate(query: CallbackQuery, callback_data: FeedbackCb, ctx: Ctx) -> None:
    draft = await service.start_feedback(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), ctx.rules.feedback
    )
    await ask(query, ctx, draft, FeedbackStep.RATING)


@routes.callback_query(FeedbackCb.filter(F.action == FeedbackAction.ADD))
async def on_add(query: CallbackQuery, callback_data: FeedbackCb, ctx: Ctx) -> None:
    draft = await service.start_addition(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), ctx.rules.feedback
    )
    await ask(query, ctx, draft, FeedbackStep.TEXT)
