"""The dispute moves that need typing: a counter-proposal when rejecting the seller's offer,
a message or evidence (text, photo or video) added to the correspondence, and the tracking
number of the goods sent back.

Pressing the move's button asks the question (refused at once when the dispute's stage does
not allow the move) and remembers, in the form state, which card it came from and what the
question named; what the buyer then types is read, the move made, and its card shown.
"""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.handlers.disputes.screens import render_dispute_card
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DisputeAct, DisputeCb
from bot.keyboards.disputes.screens import back_to_card_kb
from bot.middlewares.context import Ctx
from bot.services.disputes import buyer as service
from bot.services.disputes.buyer import AttachmentSpec
from bot.services.disputes.card import dispute_brief
from bot.services.disputes.drafts import parse_amount, parse_tracking_number
from bot.services.disputes.errors import NotAnAmount, NotATrackingNumber
from bot.services.disputes.rules import DisputeAction
from bot.views.disputes.screens import (
    counter_prompt_text,
    message_prompt_text,
    tracking_prompt_text,
)
from bot.views.errors import error_text
from bot.views.screen import show


class HasMedia(Filter):
    """A photo or a video (evidence for a dispute)."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.photo or message.video)


class HasTextOrMedia(Filter):
    async def __call__(self, message: Message) -> bool:
        return message.text is not None or bool(message.photo or message.video)


routes = Routes("dispute_moves", callbacks=(DisputeCb,), account_only=True)


class DisputeMove(StatesGroup):
    counter = State()
    message = State()
    tracking = State()


async def _remember(ctx: Ctx, cb: DisputeCb, move: State, **asked: Any) -> None:
    await ctx.state.set_state(move)
    await ctx.state.set_data({"dispute_cb": cb.pack(), **asked})


async def _recall(ctx: Ctx) -> tuple[DisputeCb, dict[str, Any]]:
    data = await ctx.state.get_data()
    return DisputeCb.unpack(str(data["dispute_cb"])), data


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.REJECT))
async def counter_screen(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    """Reject and counter: the amount asked instead, in the dispute's currency."""
    move = DisputeAction.REJECT
    brief = await dispute_brief(ctx.uow, ctx.user.id, callback_data.dispute_id, move)
    currency, paid = brief.dispute.currency, brief.paid_minor
    await _remember(ctx, callback_data, DisputeMove.counter, currency=currency, paid_minor=paid)
    await show(query, counter_prompt_text(currency, paid), back_to_card_kb(callback_data))


async def _counter_asked(ctx: Ctx, cb: DisputeCb, asked: dict[str, Any]) -> tuple[str, int]:
    """The currency and the ceiling the question named; read again for a question asked
    before they were remembered (a form state kept over an upgrade)."""
    if "currency" in asked and "paid_minor" in asked:
        return str(asked["currency"]), int(asked["paid_minor"])
    brief = await dispute_brief(ctx.uow, ctx.user.id, cb.dispute_id)
    return brief.dispute.currency, brief.paid_minor


@routes.message(StateFilter(DisputeMove.counter), HasText())
async def on_counter(message: Message, ctx: Ctx) -> None:
    cb, asked = await _recall(ctx)
    currency, paid = await _counter_asked(ctx, cb, asked)
    try:
        amount = parse_amount(message.text or "", currency)
    except NotAnAmount as error:
        problem = error_text(error, ctx.tz)
        await show(message, counter_prompt_text(currency, paid, problem), back_to_card_kb(cb))
        return
    screen = await service.reject_offer(
        ctx.uow, ctx.user.id, cb.dispute_id, amount, ctx.now(), ctx.rules.disputes
    )
    await ctx.state.clear()
    await render_dispute_card(message, cb, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.MESSAGE))
async def message_screen(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    await dispute_brief(ctx.uow, ctx.user.id, callback_data.dispute_id, DisputeAction.MESSAGE)
    await _remember(ctx, callback_data, DisputeMove.message)
    await show(query, message_prompt_text(), back_to_card_kb(callback_data))


def attachments_of(message: Message) -> list[AttachmentSpec]:
    if message.photo:
        return [AttachmentSpec(kind="photo", telegram_file_id=message.photo[-1].file_id)]
    if message.video:
        return [AttachmentSpec(kind="video", telegram_file_id=message.video.file_id)]
    return []


@routes.message(StateFilter(DisputeMove.message), HasTextOrMedia())
async def on_message(message: Message, ctx: Ctx) -> None:
    cb, _asked = await _recall(ctx)
    text = message.text or message.caption or ""
    screen = await service.add_message(
        ctx.uow, ctx.user.id, cb.dispute_id, text, attachments_of(message), ctx.now()
    )
    await ctx.state.clear()
    await render_dispute_card(message, cb, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.RETURN))
async def tracking_screen(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    """I shipped the goods back: the return parcel's tracking number."""
    move = DisputeAction.RETURN_SHIPPED
    await dispute_brief(ctx.uow, ctx.user.id, callback_data.dispute_id, move)
    await _remember(ctx, callback_data, DisputeMove.tracking)
    await show(query, tracking_prompt_text(), back_to_card_kb(callback_data))


@routes.message(StateFilter(DisputeMove.tracking), HasText())
async def on_tracking(message: Message, ctx: Ctx) -> None:
    cb, _asked = await _recall(ctx)
    try:
        tracking = parse_tracking_number(message.text or "")
    except NotATrackingNumber as error:
        problem = error_text(error, ctx.tz)
        await show(message, tracking_prompt_text(problem), back_to_card_kb(cb))
        return
    screen = await service.return_shipped(ctx.uow, ctx.user.id, cb.dispute_id, tracking, ctx.now())
    await ctx.state.clear()
    await render_dispute_card(message, cb, screen, ctx)
