"""The open-dispute form from an order card: reason → refund (full or a typed part) → return
the goods? → description → photo/video evidence → review → submit.

The draft lives in FSM data as plain JSON (`DisputeDraft`); the service checks everything
again on submit, so a draft that went stale is refused with the reason, not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.db.models import Order
from bot.handlers.disputes.moves import HasMedia, attachments_of
from bot.handlers.disputes.screens import render_dispute_card
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
from bot.services.disputes import buyer as service
from bot.services.disputes.drafts import DisputeDraft
from bot.services.errors import DomainError
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


async def ask(
    event: Message | CallbackQuery,
    ctx: Ctx,
    order: Order,
    draft: DisputeDraft,
    step: State,
    problem: str | None = None,
) -> None:
    """Show the question of `step` (with why the last answer was refused) and wait for it."""
    screens: dict[State, Callable[[], tuple[str, InlineKeyboardMarkup]]] = {
        DisputeForm.reason: lambda: (reason_step_text(order), reason_kb()),
        DisputeForm.refund: lambda: (refund_step_text(order), refund_kb(order)),
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
    await ctx.state.set_state(step)
    await ctx.state.set_data(draft.to_data())
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
    event: Message | CallbackQuery, ctx: Ctx, order: Order, draft: DisputeDraft, step: State
) -> None:
    """The next step, or back to the review when a field was edited from there (unless the
    edit made another question necessary, e.g. the return question for a new reason)."""
    review = draft.reviewing and draft.complete
    await ask(event, ctx, order, draft, DisputeForm.review if review else step)


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


async def _draft(event: Message | CallbackQuery, ctx: Ctx) -> DisputeDraft | None:
    draft = DisputeDraft.from_data(await ctx.state.get_data())
    if draft is None:
        await ctx.state.clear()
        await show(event, form_expired_text())
    return draft


async def _order(ctx: Ctx, draft: DisputeDraft) -> Order:
    return await service.form_order(ctx.uow, ctx.user.id, draft.order_id)


@routes.callback_query(DisputeStartCb.filter())
async def on_start(query: CallbackQuery, callback_data: DisputeStartCb, ctx: Ctx) -> None:
    """Open dispute on an order card: the first question, once a dispute may be opened."""
    rules = ctx.rules.disputes
    order = await service.start_dispute(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), rules
    )
    await ask(query, ctx, order, DisputeDraft(order_id=order.id), DisputeForm.reason)


@routes.callback_query(DisputeReasonCb.filter())
async def on_reason(query: CallbackQuery, callback_data: DisputeReasonCb, ctx: Ctx) -> None:
    """A reason the order may be disputed for now (some open only once it is delivered)."""
    if (draft := await _draft(query, ctx)) is None:
        return
    reason, rules = callback_data.reason, ctx.rules.disputes
    order = await service.start_dispute(
        ctx.uow, ctx.user.id, draft.order_id, ctx.now(), rules, reason=reason
    )
    await advance(query, ctx, order, draft.with_reason(reason), DisputeForm.refund)


@routes.callback_query(
    DisputeFormCb.filter(F.action.in_({DisputeFormAct.FULL, DisputeFormAct.PARTIAL}))
)
async def on_refund(query: CallbackQuery, callback_data: DisputeFormCb, ctx: Ctx) -> None:
    if (draft := await _draft(query, ctx)) is None:
        return
    order = await _order(ctx, draft)
    if callback_data.action is DisputeFormAct.PARTIAL:
        await ask(query, ctx, order, draft, DisputeForm.amount)
        return
    draft = replace(draft, full=True, refund_minor=None)
    await advance(query, ctx, order, draft, _after_refund(draft))


@routes.message(StateFilter(DisputeForm.amount), HasText())
async def on_amount(message: Message, ctx: Ctx) -> None:
    if (draft := await _draft(message, ctx)) is None:
        return
    order = await _order(ctx, draft)
    try:
        draft = draft.with_refund(message.text or "", order)
    except DomainError as error:
        await ask(message, ctx, order, draft, DisputeForm.amount, error_text(error, ctx.tz))
        return
    await advance(message, ctx, order, draft, _after_refund(draft))


@routes.callback_query(
    DisputeFormCb.filter(F.action.in_({DisputeFormAct.RETURN_YES, DisputeFormAct.RETURN_NO}))
)
async def on_goods(query: CallbackQuery, callback_data: DisputeFormCb, ctx: Ctx) -> None:
    if (draft := await _draft(query, ctx)) is None:
        return
    draft = replace(draft, return_goods=callback_data.action is DisputeFormAct.RETURN_YES)
    await advance(query, ctx, await _order(ctx, draft), draft, DisputeForm.description)


@routes.message(StateFilter(DisputeForm.description), HasText())
async def on_description(message: Message, ctx: Ctx) -> None:
    if (draft := await _draft(message, ctx)) is None:
        return
    order = await _order(ctx, draft)
    try:
        draft = draft.with_description(message.text or "")
    except DomainError as error:
        problem = error_text(error, ctx.tz)
        await ask(message, ctx, order, draft, DisputeForm.description, problem)
        return
    await advance(message, ctx, order, draft, DisputeForm.evidence)


@routes.message(StateFilter(DisputeForm.evidence), HasMedia())
async def on_evidence(message: Message, ctx: Ctx) -> None:
    if (draft := await _draft(message, ctx)) is None:
        return
    order = await _order(ctx, draft)
    try:
        for spec in attachments_of(message):
            draft = draft.with_evidence(spec.kind, spec.telegram_file_id or "")
    except DomainError as error:
        problem = error_text(error, ctx.tz)
        await ask(message, ctx, order, draft, DisputeForm.evidence, problem)
        return
    await ask(message, ctx, order, draft, DisputeForm.evidence)


@routes.callback_query(
    StateFilter(DisputeForm.evidence), DisputeFormCb.filter(F.action == DisputeFormAct.DONE)
)
async def on_evidence_done(query: CallbackQuery, ctx: Ctx) -> None:
    if (draft := await _draft(query, ctx)) is None:
        return
    draft = replace(draft, reviewing=True)
    await ask(query, ctx, await _order(ctx, draft), draft, DisputeForm.review)


STEP_STATES = {
    DisputeStep.REASON: DisputeForm.reason,
    DisputeStep.REFUND: DisputeForm.refund,
    DisputeStep.RETURN: DisputeForm.goods,
    DisputeStep.DESCRIPTION: DisputeForm.description,
    DisputeStep.EVIDENCE: DisputeForm.evidence,
}


@routes.callback_query(DisputeEditCb.filter())
async def on_edit(query: CallbackQuery, callback_data: DisputeEditCb, ctx: Ctx) -> None:
    if (draft := await _draft(query, ctx)) is None:
        return
    await ask(query, ctx, await _order(ctx, draft), draft, STEP_STATES[callback_data.step])


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.SUBMIT))
async def on_submit(query: CallbackQuery, ctx: Ctx) -> None:
    """The dispute is opened (the service checks the whole draft again) and its card shown."""
    if (draft := await _draft(query, ctx)) is None:
        return
    if not draft.complete:
        await ask(query, ctx, await _order(ctx, draft), draft, DisputeForm.reason)
        return
    screen = await service.open_dispute(
        ctx.uow, ctx.user, draft.order_id, draft.to_spec(), ctx.now(), ctx.rules.disputes
    )
    await ctx.state.clear()
    card = DisputeCb(action=DisputeAct.OPEN, dispute_id=screen.dispute.id)
    await render_dispute_card(query, card, screen, ctx)


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.BACK))
async def on_back(query: CallbackQuery, ctx: Ctx) -> None:
    if (draft := await _draft(query, ctx)) is None:
        return
    previous = step_before(await ctx.state.get_state(), draft)
    if previous is None:
        await ctx.state.clear()
        back = OrderCb(action=OrderAction.OPEN, order_id=draft.order_id)
        await show_order_card(query, back, ctx)
        return
    await ask(query, ctx, await _order(ctx, draft), draft, previous)


@routes.callback_query(DisputeFormCb.filter(F.action == DisputeFormAct.CANCEL))
async def on_cancel(query: CallbackQuery, ctx: Ctx) -> None:
    draft = DisputeDraft.from_data(await ctx.state.get_data())
    await ctx.state.clear()
    if draft is None:
        await show(query, form_cancelled_text())
        return
    back = OrderCb(action=OrderAction.OPEN, order_id=draft.order_id)
    await show(query, form_cancelled_text(), tracking_kb(back))


@routes.message(StateFilter(DisputeForm))
async def on_unexpected(message: Message, ctx: Ctx) -> None:
    """Anything a step does not take (a sticker, a file, text where buttons are asked):
    the same question again, with what it wants."""
    if (draft := await _draft(message, ctx)) is None:
        return
    current = await ctx.state.get_state()
    step = next((s for s in DisputeForm.__all_states__ if s.state == current), DisputeForm.reason)
    await ask(message, ctx, await _order(ctx, draft), draft, step, unexpected_text())
