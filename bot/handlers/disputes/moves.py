"""The dispute moves that need typing: a counter-proposal when rejecting the seller's offer,
a message or evidence (text, photo or video) added to the correspondence, and the tracking
number of the goods sent back."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.disputes.screens import show_dispute
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DisputeAct, DisputeCb
from bot.keyboards.disputes.screens import back_to_card_kb
from bot.rules import Rules
from bot.services.disputes import buyer as service
from bot.services.disputes.buyer import AttachmentSpec
from bot.services.disputes.drafts import parse_amount, parse_tracking_number
from bot.services.disputes.rules import DisputeAction, require
from bot.views.disputes.screens import (
    counter_prompt_text,
    message_prompt_text,
    not_a_tracking_number_text,
    not_an_amount_text,
    tracking_prompt_text,
)
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


async def _remember(state: FSMContext, cb: DisputeCb, move: State) -> None:
    await state.set_state(move)
    await state.set_data({"dispute_cb": cb.pack()})


async def _recall(state: FSMContext) -> DisputeCb:
    return DisputeCb.unpack(str((await state.get_data())["dispute_cb"]))


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.REJECT))
async def on_reject(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    require(card.dispute, DisputeAction.REJECT)
    await _remember(state, callback_data, DisputeMove.counter)
    await show(query, counter_prompt_text(card.dispute, card.order), back_to_card_kb(callback_data))


@routes.message(StateFilter(DisputeMove.counter), HasText())
async def on_counter(
    message: Message,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
    clock: Clock,
    tz: tzinfo,
    rules: Rules,
) -> None:
    cb = await _recall(state)
    card = await service.get_dispute(uow, user.id, cb.dispute_id)
    amount = parse_amount(message.text or "", card.dispute.currency)
    if amount is None:
        text = counter_prompt_text(card.dispute, card.order, not_an_amount_text())
        await message.answer(text, reply_markup=back_to_card_kb(cb))
        return
    await service.reject_offer(uow, user.id, cb.dispute_id, amount, clock.now(), rules.disputes)
    await state.clear()
    await show_dispute(message, uow, user, cb, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.MESSAGE))
async def on_message_start(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    require(card.dispute, DisputeAction.MESSAGE)
    await _remember(state, callback_data, DisputeMove.message)
    await show(query, message_prompt_text(), back_to_card_kb(callback_data))


def attachments_of(message: Message) -> list[AttachmentSpec]:
    if message.photo:
        return [AttachmentSpec(kind="photo", telegram_file_id=message.photo[-1].file_id)]
    if message.video:
        return [AttachmentSpec(kind="video", telegram_file_id=message.video.file_id)]
    return []


@routes.message(StateFilter(DisputeMove.message), HasTextOrMedia())
async def on_message(
    message: Message,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
    clock: Clock,
    tz: tzinfo,
) -> None:
    cb = await _recall(state)
    text = message.text or message.caption or ""
    await service.add_message(
        uow, user.id, cb.dispute_id, text, attachments_of(message), clock.now()
    )
    await state.clear()
    await show_dispute(message, uow, user, cb, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.RETURN))
async def on_return_start(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    require(card.dispute, DisputeAction.RETURN_SHIPPED)
    await _remember(state, callback_data, DisputeMove.tracking)
    await show(query, tracking_prompt_text(), back_to_card_kb(callback_data))


@routes.message(StateFilter(DisputeMove.tracking), HasText())
async def on_tracking(
    message: Message,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
    clock: Clock,
    tz: tzinfo,
) -> None:
    cb = await _recall(state)
    tracking = parse_tracking_number(message.text or "")
    if tracking is None:
        text = tracking_prompt_text(not_a_tracking_number_text())
        await message.answer(text, reply_markup=back_to_card_kb(cb))
        return
    await service.return_shipped(uow, user.id, cb.dispute_id, tracking, clock.now())
    await state.clear()
    await show_dispute(message, uow, user, cb, clock, tz)
