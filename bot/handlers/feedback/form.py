"""The feedback form: four star ratings, text, photos, a review with Edit, and Submit; the one
later addition runs through the text and photo steps of the same form."""

from __future__ import annotations

from dataclasses import replace

from aiogram import F
from aiogram.filters import Filter, StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.feedback.screens import (
    STATE_OF,
    STEP_OF,
    FeedbackForm,
    ask,
    render_feedback,
    show_awaiting,
    show_feedback,
)
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.stale import stale_button_text
from bot.keyboards.callbacks import EditCb, FeedbackFormAction, FeedbackFormCb, StarsCb
from bot.keyboards.feedback import edit_kb, review_kb, thanks_kb
from bot.middlewares.context import Ctx
from bot.services.errors import TextTooLong
from bot.services.feedback import buyer as service
from bot.services.feedback.drafts import STAR_STEPS, FeedbackDraft, FeedbackStep
from bot.services.feedback.rules import check_text
from bot.views.feedback.screens import (
    additional_thanks_text,
    edit_text,
    not_photo_problem,
    not_stars_problem,
    not_text_problem,
    review_text,
    thanks_text,
)
from bot.views.fit import too_long_text
from bot.views.home import cancelled_text
from bot.views.screen import show

routes = Routes("feedback_form", callbacks=(FeedbackFormCb, StarsCb, EditCb), account_only=True)


class HasPhoto(Filter):
    """A photo message (async on purpose, like bot/handlers/filters.py)."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.photo)


STAR_STATES = tuple(STATE_OF[step] for step in STAR_STEPS)
STEP_STATES = tuple(STATE_OF.values())


async def load(ctx: Ctx) -> tuple[FeedbackDraft | None, FeedbackStep]:
    step = STEP_OF.get(await ctx.state.get_state() or "", FeedbackStep.RATING)
    return FeedbackDraft.from_data(await ctx.state.get_data()), step


async def show_review(event: Message | CallbackQuery, ctx: Ctx, draft: FeedbackDraft) -> None:
    draft = replace(draft, reviewing=True)
    await ctx.state.set_state(FeedbackForm.review)
    await ctx.state.set_data(draft.to_data())
    await show(event, review_text(draft, draft.number), review_kb())


async def advance(
    event: Message | CallbackQuery, ctx: Ctx, draft: FeedbackDraft, after: FeedbackStep
) -> None:
    following = draft.next_step(after)
    if following is None:
        await show_review(event, ctx, draft)
    else:
        await ask(event, ctx, draft, following)


# --- the steps' answers -----------------------------------------------------------------------


@routes.callback_query(StarsCb.filter(F.stars.in_(range(1, 6))), StateFilter(*STAR_STATES))
async def on_stars(query: CallbackQuery, callback_data: StarsCb, ctx: Ctx) -> None:
    draft, step = await load(ctx)
    assert draft is not None
    await advance(query, ctx, draft.with_stars(step, callback_data.stars), step)


@routes.message(StateFilter(*STAR_STATES))
async def on_not_stars(message: Message, ctx: Ctx) -> None:
    draft, step = await load(ctx)
    assert draft is not None
    await ask(message, ctx, draft, step, not_stars_problem())


@routes.message(StateFilter(FeedbackForm.text), HasText())
async def on_text(message: Message, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None and message.text is not None
    try:
        text = check_text(message.text)
    except TextTooLong as error:
        # Said here, at the step, with the limit; the form stays on this step for a shorter one.
        problem = too_long_text(error.length, error.max_length)
        await ask(message, ctx, draft, FeedbackStep.TEXT, problem)
        return
    await advance(message, ctx, replace(draft, text=text), FeedbackStep.TEXT)


@routes.message(StateFilter(FeedbackForm.text))
async def on_not_text(message: Message, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    await ask(message, ctx, draft, FeedbackStep.TEXT, not_text_problem())


@routes.message(StateFilter(FeedbackForm.photos), HasPhoto())
async def on_photo(message: Message, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None and message.photo
    largest = max(message.photo, key=lambda size: size.width * size.height)
    draft = draft.with_photo(largest.file_id)
    if draft.photos_full:
        await show_review(message, ctx, draft)
    else:
        await ask(message, ctx, draft, FeedbackStep.PHOTOS)


@routes.message(StateFilter(FeedbackForm.photos))
async def on_not_photo(message: Message, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    await ask(message, ctx, draft, FeedbackStep.PHOTOS, not_photo_problem())


# --- the steps' buttons -----------------------------------------------------------------------


@routes.callback_query(
    FeedbackFormCb.filter(F.action.in_({FeedbackFormAction.SKIP, FeedbackFormAction.DONE})),
    StateFilter(FeedbackForm.text, FeedbackForm.photos),
)
async def on_skip(query: CallbackQuery, callback_data: FeedbackFormCb, ctx: Ctx) -> None:
    draft, step = await load(ctx)
    assert draft is not None
    if callback_data.action is FeedbackFormAction.SKIP:
        draft = replace(draft, text="") if step is FeedbackStep.TEXT else replace(draft, photos=())
    await advance(query, ctx, draft, step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.BACK), StateFilter(*STEP_STATES)
)
async def on_back(query: CallbackQuery, ctx: Ctx) -> None:
    draft, step = await load(ctx)
    assert draft is not None
    previous = draft.previous_step(step)
    await ask(query, ctx, draft, previous or step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.REVIEW),
    StateFilter(*STEP_STATES, FeedbackForm.review),
)
async def on_review(query: CallbackQuery, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    await show_review(query, ctx, draft)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.EDIT), StateFilter(FeedbackForm.review)
)
async def on_edit(query: CallbackQuery, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    await show(query, edit_text(), edit_kb(draft))


@routes.callback_query(EditCb.filter(), StateFilter(FeedbackForm.review))
async def on_edit_step(query: CallbackQuery, callback_data: EditCb, ctx: Ctx) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    if callback_data.step not in draft.steps:
        await show_review(query, ctx, draft)
        return
    await ask(query, ctx, draft, callback_data.step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.CANCEL), StateFilter(FeedbackForm)
)
async def on_cancel(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    """Back where the form was entered from: the feedback for an addition, else the list."""
    draft, _step = await load(ctx)
    await ctx.state.clear()
    callback_answer.text = cancelled_text(True)
    if draft is not None and draft.additional:
        await show_feedback(query, ctx, draft.order_id)
    else:
        await show_awaiting(query, ctx)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.SUBMIT), StateFilter(FeedbackForm.review)
)
async def on_submit(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    draft, _step = await load(ctx)
    assert draft is not None
    if draft.additional:
        card = await service.add_additional(
            ctx.uow,
            ctx.user.id,
            draft.order_id,
            draft.text,
            draft.photos,
            ctx.now(),
            ctx.rules.feedback,
        )
        await ctx.state.clear()
        callback_answer.text = additional_thanks_text()
        await render_feedback(query, card, ctx)
        return
    ratings = draft.ratings()
    if ratings is None:  # a star went missing from the draft: ask the stars again
        await ask(query, ctx, replace(draft, reviewing=False), FeedbackStep.RATING)
        return
    left = await service.leave_feedback(
        ctx.uow,
        ctx.user.id,
        draft.order_id,
        ratings,
        draft.text,
        draft.photos,
        ctx.now(),
        ctx.rules.feedback,
    )
    await ctx.state.clear()
    await show(query, thanks_text(left.store), thanks_kb(left))


# --- buttons of a form that is gone or of another step ----------------------------------------


@routes.callback_query(FeedbackFormCb.filter(), StateFilter(FeedbackForm))
@routes.callback_query(StarsCb.filter(), StateFilter(FeedbackForm))
@routes.callback_query(EditCb.filter(), StateFilter(FeedbackForm))
async def on_other_step_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.callback_query(FeedbackFormCb.filter())
@routes.callback_query(StarsCb.filter())
@routes.callback_query(EditCb.filter())
async def on_expired_form(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    """After a restart without Redis, or after /cancel: say so and open the list."""
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True
    await show_awaiting(query, ctx)
