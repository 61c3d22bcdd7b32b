"""The open-dispute form from an order card: reason → refund (full or a typed part) → return
the goods? → description → photo/video evidence → review → submit.

The draft lives in FSM data as plain JSON (`DisputeDraft`); the service checks everything
again on submit, so a draft that went stale is refused with the reason, not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db.models import Order, User
from bot.db.uow import UnitOfWork
from bot.handlers.disputes.moves import HasMedia, attachments_of
from bot.handlers.disputes.screens import show_dispute
from bot.handlers.filters import HasText
from bot.handlers.orders.screens import show_order_card
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import (
    DisputeAct,
    DisputeCb,
    DisputeEditCb,
    DisputeFormAct,
    DisputeFormCb,
    DisputeReasonCb,
    DisputeStartCb,
    DisputeStep,
    OrderAction,
    OrderCb,
)
from bot.keyboards.disputes.form import (
    cancel_kb,
    evidence_kb,
    reason_kb,
    refund_kb,
    return_kb,
    review_kb,
)
from bot.keyboards.orders.screens import tracking_kb
from bot.middlewares.context import Ctx
from bot.rules import Rules
from bot.services.disputes import buyer as service
from bot.services.disputes.drafts import DisputeDraft, check_description, parse_amount
from bot.services.disputes.rules import MAX_ATTACHMENTS, check_refund, paid_minor
from bot.services.errors import DomainError, TooManyAttachments
from bot.services.orders.buyer import buyer_order
from bot.views.disputes.form import (
    amount_step_text,
    description_step_text,
    evidence_step_text,
    form_cancelled_text,
    form_expired_text,
    reason_step_text,
    refund_step_text,
    return_step_text,
    review_text,
    unexpected_text,
)
from bot.views.disputes.screens import not_an_amount_text
from bot.views.errors import error_text
from bot.views.screen import show

routes = Routes(
    "dispute_form",
    callbacks=(DisputeStartCb, DisputeFormCb, DisputeReasonCb, DisputeEditCb),
    account_only=True,
)


class DisputeForm(StatesGroup):
    reason = State()
    refund = State()
    amount = State()
    goods = State()
    description = State()
    evidence = State()
    review = State()


async def _order(uow: UnitOfWork, user: User, draft: DisputeDraft) -> Order:
    return await buyer_order(uow, user.id, draft.order_id)


async def ask(
    event: Message | CallbackQuery,
    state: FSMContext,
    order: Order,
    draft: DisputeDraft,
    step: State,
    problem: str | None = None,
) -> None:
    """Show the question of `step` (with why the last answer was refused) and wait for it."""
    screens: dict[State, Callable[[], tuple[str, InlineKeyboardMarkup]]] = {
        DisputeForm.reason: lambda: (reason_step_text(order), reason_kb()),
        DisputeForm.refund: lambda: (
            refund_step_text(order),
            refund_kb(paid_minor(order), order.currency),
        ),
        DisputeForm.amount: lambda: (amount_step_text(order, problem), cancel_kb()),
        DisputeForm.goods: lambda: (return_step_text(order), return_kb()),
        DisputeForm.description: lambda: (description_step_text(order, problem), cancel_kb()),
        DisputeForm.evidence: lambda: (
            evidence_step_text(order, len(draft.evidence), problem),
            evidence_kb(len(draft.evidence)),
        ),
        DisputeForm.review: lambda: (
            review_text(order, draft),
            review_kb(asks_return=draft.asks_return),
        ),
    }
    await state.set_state(step)
    await state.set_data(draft.to_data())
    text, markup = screens[step]()
    if problem and step in (
        DisputeForm.reason,
        DisputeForm.refund,
        DisputeForm.goods,
        DisputeForm.review,
    ):
        text = f"{problem}\n\n{text}"  # these questions have no place of their own for it
    await show(event, text, markup)


async def advance(
    event: Message | CallbackQuery,
    state: FSMContext,
    order: Order,
    draft: DisputeDraft,
    step: State,
) -> None:
    """The next step, or back to the review when a field was edited from there (unless the
    edit made another question necessary, e.g. the return question for a new reason)."""
    review = draft.reviewing and draft.complete
    await ask(event, state, order, draft, DisputeForm.review if review else step)


def _after_refund(draft: DisputeDraft) -> State:
    return DisputeForm.goods if draft.asks_return else DisputeForm.description


def step_before(step: str | None, draft: DisputeDraft) -> State | None:
    """The step Back leads to; None from the first one (back to the order)."""
    form = DisputeForm
    before = {
        form.refund.state: form.reason,
        form.amount.state: form.refund,
        form.goods.state: form.refund,
        form.description.state: form.goods if draft.asks_return else form.refund,
        form.evidence.state: form.description,
        form.review.state: form.evidence,
    }
    return before.get(step or "")


async def _draft(event: Message | CallbackQuery, state: FSMContext) -> DisputeDraft | None:
    draft = DisputeDraft.from_data(await state.get_data())
    if draft is None:
        await state.clear()
        await show(event, form_expired_text())
    return draft


@routes.callback_query(DisputeStartCb.filter())
async def on_start(
    query: CallbackQuery,
    callback_data: DisputeStartCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    rules: Rules,
    state: FSMContext,
) -> None:
    allowed = await service.check_eligibility(
        uow, user.id, callback_data.order_id, clock.now(), rules.disputes
    )
    allowed.check()
    draft = DisputeDraft(order_id=callback_data.order_id)
    await ask(query, state, await _order(uow, user, draft), draft, DisputeForm.reason)


@routes.callback_query(DisputeReasonCb.filter())
async def on_reason(
    query: CallbackQuery,
    callback_data: DisputeReasonCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    rules: Rules,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    allowed = await service.check_eligibility(
        uow, user.id, draft.order_id, clock.now(), rules.disputes, reason=callback_data.reason
    )
    allowed.check()
    draft = draft.with_reason(callback_data.reason)
    await advance(query, state, await _order(uow, user, draft), draft, DisputeForm.refund)


@routes.callback_query(
    DisputeFormCb.filter(F.action.in_({DisputeFormAct.FULL, DisputeFormAct.PARTIAL}))
)
async def on_refund(
    query: CallbackQuery,
    callback_data: DisputeFormCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    order = await _order(uow, user, draft)
    if callback_data.action is DisputeFormAct.PARTIAL:
        await ask(query, state, order, draft, DisputeForm.amount)
        return
    draft = replace(draft, full=True, refund_minor=None)
    await advance(query, state, order, draft, _after_refund(draft))


@routes.message(StateFilter(DisputeForm.amount), HasText())
async def on_amount(
    message: Message, uow: UnitOfWork, user: User, state: FSMContext, tz: tzinfo
) -> None:
    if (draft := await _draft(message, state)) is None:
        return
    order = await _order(uow, user, draft)
    amount = parse_amount(message.text or "", order.currency)
    if amount is None:
        await ask(message, state, order, draft, DisputeForm.amount, not_an_amount_text())
        return
    try:
        check_refund(amount, order)
    except DomainError as error:
        await ask(message, state, order, draft, DisputeForm.amount, error_text(error, tz))
        return
    draft = replace(draft, full=False, refund_minor=amount)
    await advance(message, state, order, draft, _after_refund(draft))


@routes.callback_query(
    DisputeFormCb.filter(F.action.in_({DisputeFormAct.RETURN_YES, DisputeFormAct.RETURN_NO}))
)
async def on_goods(
    query: CallbackQuery,
    callback_data: DisputeFormCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    draft = replace(draft, return_goods=callback_data.action is DisputeFormAct.RETURN_YES)
    await advance(query, state, await _order(uow, user, draft), draft, DisputeForm.description)


@routes.message(StateFilter(DisputeForm.description), HasText())
async def on_description(
    message: Message, uow: UnitOfWork, user: User, state: FSMContext, tz: tzinfo
) -> None:
    if (draft := await _draft(message, state)) is None:
        return
    order = await _order(uow, user, draft)
    try:
        description = check_description(message.text or "")
    except DomainError as error:
        await ask(message, state, order, draft, DisputeForm.description, error_text(error, tz))
        return
    draft = replace(draft, description=description)
    await advance(message, state, order, draft, DisputeForm.evidence)


@routes.message(StateFilter(DisputeForm.evidence), HasMedia())
async def on_evidence(
    message: Message, uow: UnitOfWork, user: User, state: FSMContext, tz: tzinfo
) -> None:
    if (draft := await _draft(message, state)) is None:
        return
    order = await _order(uow, user, draft)
    if len(draft.evidence) >= MAX_ATTACHMENTS:
        problem = error_text(TooManyAttachments(limit=MAX_ATTACHMENTS), tz)
        await ask(message, state, order, draft, DisputeForm.evidence, problem)
        return
    for spec in attachments_of(message):
        draft = draft.with_evidence(spec.kind, spec.telegram_file_id or "")
    await ask(message, state, order, draft, DisputeForm.evidence)


@routes.callback_query(
    StateFilter(DisputeForm.evidence), DisputeFormCb.filter(F.action == DisputeFormAct.DONE)
)
async def on_evidence_done(
    query: CallbackQuery, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    draft = replace(draft, reviewing=True)
    await ask(query, state, await _order(uow, user, draft), draft, DisputeForm.review)


STEP_STATES = {
    DisputeStep.REASON: DisputeForm.reason,
    DisputeStep.REFUND: DisputeForm.refund,
    DisputeStep.RETURN: DisputeForm.goods,
    DisputeStep.DESCRIPTION: DisputeForm.description,
    DisputeStep.EVIDENCE: DisputeForm.evidence,
}


@routes.callback_query(DisputeEditCb.filter())
async def on_edit(
    query: CallbackQuery,
    callback_data: DisputeEditCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    order = await _order(uow, user, draft)
    await ask(query, state, order, draft, STEP_STATES[callback_data.step])


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.SUBMIT))
async def on_submit(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    rules: Rules,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    if not draft.complete:
        await ask(query, state, await _order(uow, user, draft), draft, DisputeForm.reason)
        return
    dispute = await service.open_dispute(
        uow, user, draft.order_id, draft.to_spec(), clock.now(), rules.disputes
    )
    await state.clear()
    await show_dispute(
        query, uow, user, DisputeCb(action=DisputeAct.OPEN, dispute_id=dispute.id), clock, tz
    )


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.BACK))
async def on_back(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    ctx: Ctx,
    state: FSMContext,
) -> None:
    if (draft := await _draft(query, state)) is None:
        return
    previous = step_before(await state.get_state(), draft)
    if previous is None:
        await state.clear()
        back = OrderCb(action=OrderAction.OPEN, order_id=draft.order_id)
        await show_order_card(query, back, ctx)
        return
    await ask(query, state, await _order(uow, user, draft), draft, previous)


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.CANCEL))
async def on_cancel(query: CallbackQuery, state: FSMContext) -> None:
    draft = DisputeDraft.from_data(await state.get_data())
    await state.clear()
    if draft is None:
        await show(query, form_cancelled_text())
        return
    back = OrderCb(action=OrderAction.OPEN, order_id=draft.order_id)
    await show(query, form_cancelled_text(), tracking_kb(back))


@routes.message(StateFilter(DisputeForm))
async def on_unexpected(message: Message, uow: UnitOfWork, user: User, state: FSMContext) -> None:
    """Anything a step does not take (a sticker, a file, text where buttons are asked):
    the same question again, with what it wants."""
    if (draft := await _draft(message, state)) is None:
        return
    current = await state.get_state()
    step = next((s for s in DisputeForm.__all_states__ if s.state == current), DisputeForm.reason)
    await ask(message, state, await _order(uow, user, draft), draft, step, unexpected_text())
