"""The feedback form: four star ratings, text, photos, a review with Edit, and Submit; the one
later addition runs through the text and photo steps of the same form."""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo

from aiogram import F
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.feedback.screens import (
    STATE_OF,
    STEP_OF,
    FeedbackForm,
    ask,
    feedback_rules,
    show_awaiting,
    show_feedback,
)
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.stale import stale_button_text
from bot.keyboards.callbacks import EditCb, FeedbackFormAction, FeedbackFormCb, StarsCb
from bot.keyboards.feedback import edit_kb, review_kb, thanks_kb
from bot.services.errors import TextTooLong
from bot.services.feedback import buyer as service
from bot.services.feedback.drafts import STAR_STEPS, FeedbackDraft, FeedbackStep
from bot.services.feedback.lists import awaiting_feedback
from bot.services.feedback.rules import check_text
from bot.services.orders import buyer as orders
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


async def load(state: FSMContext) -> tuple[FeedbackDraft | None, FeedbackStep]:
    step = STEP_OF.get(await state.get_state() or "", FeedbackStep.RATING)
    return FeedbackDraft.from_data(await state.get_data()), step


async def show_review(
    event: Message | CallbackQuery, state: FSMContext, draft: FeedbackDraft
) -> None:
    draft = replace(draft, reviewing=True)
    await state.set_state(FeedbackForm.review)
    await state.set_data(draft.to_data())
    await show(event, review_text(draft, draft.number), review_kb())


async def advance(
    event: Message | CallbackQuery, state: FSMContext, draft: FeedbackDraft, after: FeedbackStep
) -> None:
    following = draft.next_step(after)
    if following is None:
        await show_review(event, state, draft)
    else:
        await ask(event, state, draft, following)


# --- the steps' answers -----------------------------------------------------------------------


@routes.callback_query(StarsCb.filter(F.stars.in_(range(1, 6))), StateFilter(*STAR_STATES))
async def on_stars(query: CallbackQuery, callback_data: StarsCb, state: FSMContext) -> None:
    draft, step = await load(state)
    assert draft is not None
    await advance(query, state, draft.with_stars(step, callback_data.stars), step)


@routes.message(StateFilter(*STAR_STATES))
async def on_not_stars(message: Message, state: FSMContext) -> None:
    draft, step = await load(state)
    assert draft is not None
    await ask(message, state, draft, step, not_stars_problem())


@routes.message(StateFilter(FeedbackForm.text), HasText())
async def on_text(message: Message, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None and message.text is not None
    try:
        text = check_text(message.text)
    except TextTooLong as error:
        # Said here, at the step, with the limit; the form stays on this step for a shorter one.
        problem = too_long_text(error.length, error.max_length)
        await ask(message, state, draft, FeedbackStep.TEXT, problem)
        return
    await advance(message, state, replace(draft, text=text), FeedbackStep.TEXT)


@routes.message(StateFilter(FeedbackForm.text))
async def on_not_text(message: Message, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None
    await ask(message, state, draft, FeedbackStep.TEXT, not_text_problem())


@routes.message(StateFilter(FeedbackForm.photos), HasPhoto())
async def on_photo(message: Message, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None and message.photo
    largest = max(message.photo, key=lambda size: size.width * size.height)
    draft = draft.with_photo(largest.file_id)
    if draft.photos_full:
        await show_review(message, state, draft)
    else:
        await ask(message, state, draft, FeedbackStep.PHOTOS)


@routes.message(StateFilter(FeedbackForm.photos))
async def on_not_photo(message: Message, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None
    await ask(message, state, draft, FeedbackStep.PHOTOS, not_photo_problem())


# --- the steps' buttons -----------------------------------------------------------------------


@routes.callback_query(
    FeedbackFormCb.filter(F.action.in_({FeedbackFormAction.SKIP, FeedbackFormAction.DONE})),
    StateFilter(FeedbackForm.text, FeedbackForm.photos),
)
async def on_skip(query: CallbackQuery, callback_data: FeedbackFormCb, state: FSMContext) -> None:
    draft, step = await load(state)
    assert draft is not None
    if callback_data.action is FeedbackFormAction.SKIP:
        draft = replace(draft, text="") if step is FeedbackStep.TEXT else replace(draft, photos=())
    await advance(query, state, draft, step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.BACK), StateFilter(*STEP_STATES)
)
async def on_back(query: CallbackQuery, state: FSMContext) -> None:
    draft, step = await load(state)
    assert draft is not None
    previous = draft.previous_step(step)
    await ask(query, state, draft, previous or step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.REVIEW),
    StateFilter(*STEP_STATES, FeedbackForm.review),
)
async def on_review(query: CallbackQuery, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None
    await show_review(query, state, draft)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.EDIT), StateFilter(FeedbackForm.review)
)
async def on_edit(query: CallbackQuery, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None
    await show(query, edit_text(), edit_kb(draft))


@routes.callback_query(EditCb.filter(), StateFilter(FeedbackForm.review))
async def on_edit_step(query: CallbackQuery, callback_data: EditCb, state: FSMContext) -> None:
    draft, _step = await load(state)
    assert draft is not None
    if callback_data.step not in draft.steps:
        await show_review(query, state, draft)
        return
    await ask(query, state, draft, callback_data.step)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.CANCEL), StateFilter(FeedbackForm)
)
async def on_cancel(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    draft, _step = await load(state)
    await state.clear()
    callback_answer.text = cancelled_text(True)
    if draft is not None and draft.additional:
        await show_feedback(query, uow, user, settings, clock, tz, draft.order_id)
    else:
        await show_awaiting(query, uow, user, settings, clock, tz)


@routes.callback_query(
    FeedbackFormCb.filter(F.action == FeedbackFormAction.SUBMIT), StateFilter(FeedbackForm.review)
)
async def on_submit(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    draft, _step = await load(state)
    assert draft is not None
    rules, now = feedback_rules(settings), clock.now()
    ratings = draft.ratings()
    if draft.additional:
        await service.add_additional(
            uow, user.id, draft.order_id, draft.text, draft.photos, now, rules
        )
        await state.clear()
        callback_answer.text = additional_thanks_text()
        await show_feedback(query, uow, user, settings, clock, tz, draft.order_id)
        return
    if ratings is None:  # a star went missing from the draft: ask the stars again
        await ask(query, state, replace(draft, reviewing=False), FeedbackStep.RATING)
        return
    await service.leave_feedback(
        uow, user.id, draft.order_id, ratings, draft.text, draft.photos, now, rules
    )
    await state.clear()
    order = await orders.buyer_order(uow, user.id, draft.order_id)
    awaiting = await awaiting_feedback(uow, user.id, now, rules, 0, 1)
    await show(query, thanks_text(order.store), thanks_kb(draft.order_id, awaiting.total))


# --- buttons of a form that is gone or of another step ----------------------------------------


@routes.callback_query(FeedbackFormCb.filter(), StateFilter(FeedbackForm))
@routes.callback_query(StarsCb.filter(), StateFilter(FeedbackForm))
@routes.callback_query(EditCb.filter(), StateFilter(FeedbackForm))
async def on_other_step_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.callback_query(FeedbackFormCb.filter())
@routes.callback_query(StarsCb.filter())
@routes.callback_query(EditCb.filter())
async def on_expired_form(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
) -> None:
    """After a restart without Redis, or after /cancel: say so and open the list."""
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True
    await show_awaiting(query, uow, user, settings, clock, tz)
