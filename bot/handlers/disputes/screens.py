"""Returns & disputes: the Active and Closed tabs, the dispute card, and the buyer's moves
that need no typing (accept, escalate, cancel, export evidence)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DisputeAct, DisputeCb, DisputeHistoryCb, DisputeListCb
from bot.keyboards.disputes.screens import confirm_kb, dispute_card_kb, disputes_list_kb, history_kb
from bot.rules import Rules
from bot.services.disputes import buyer as service
from bot.services.disputes.lists import DisputeTab, buyer_moves, list_dispute_tab
from bot.services.messages.letters import mark_dispute_read
from bot.views.disputes.export import export_caption, export_file
from bot.views.disputes.screens import (
    CARD_MESSAGES,
    accept_confirm_text,
    cancel_confirm_text,
    dispute_card_text,
    disputes_list_text,
    history_text,
)
from bot.views.screen import show

routes = Routes(
    "disputes", callbacks=(DisputeListCb, DisputeCb, DisputeHistoryCb), account_only=True
)


async def show_disputes(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    tab: DisputeTab = DisputeTab.ACTIVE,
    page: int = 0,
) -> None:
    listing = await list_dispute_tab(uow, user.id, tab, page, settings.orders_page_size)
    await show(event, disputes_list_text(listing), disputes_list_kb(listing))


async def show_dispute(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    cb: DisputeCb,
    clock: Clock,
    tz: tzinfo,
) -> None:
    now = clock.now()
    await mark_dispute_read(uow, user.id, cb.dispute_id, now)  # the message center's count
    card = await service.get_dispute(uow, user.id, cb.dispute_id)
    markup = dispute_card_kb(
        card.dispute,
        cb,
        buyer_moves(card.dispute, now),
        more_history=len(card.messages) > CARD_MESSAGES,
    )
    await show(event, dispute_card_text(card, now, tz), markup)


@routes.message(Command("disputes"))
async def on_disputes_command(
    message: Message, uow: UnitOfWork, user: User, settings: Settings, state: FSMContext
) -> None:
    await state.clear()
    await show_disputes(message, uow, user, settings)


@routes.callback_query(DisputeListCb.filter())
async def on_disputes(
    query: CallbackQuery,
    callback_data: DisputeListCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_disputes(query, uow, user, settings, callback_data.tab, callback_data.page)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.OPEN))
async def on_open(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_dispute(query, uow, user, callback_data, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.HISTORY))
async def on_history(
    query: CallbackQuery, callback_data: DisputeCb, uow: UnitOfWork, user: User, tz: tzinfo
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    paged = history_text(card, tz)
    await show(query, paged.text, history_kb(callback_data, paged.page, paged.pages))


@routes.callback_query(DisputeHistoryCb.filter())
async def on_history_page(
    query: CallbackQuery, callback_data: DisputeHistoryCb, uow: UnitOfWork, user: User, tz: tzinfo
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    paged = history_text(card, tz, callback_data.page)
    cb = DisputeCb(action=DisputeAct.HISTORY, dispute_id=card.dispute.id, tab=callback_data.tab)
    await show(query, paged.text, history_kb(cb, paged.page, paged.pages))


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ACCEPT_ASK))
async def on_accept_ask(
    query: CallbackQuery, callback_data: DisputeCb, uow: UnitOfWork, user: User
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    markup = confirm_kb(callback_data, _("✅ Yes, accept"), DisputeAct.ACCEPT)
    await show(query, accept_confirm_text(card.dispute), markup)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ACCEPT))
async def on_accept(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    rules: Rules,
    callback_answer: CallbackAnswer,
) -> None:
    await service.accept_offer(uow, user.id, callback_data.dispute_id, clock.now(), rules.disputes)
    callback_answer.text = _("✅ Offer accepted.")
    await show_dispute(query, uow, user, callback_data, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ESCALATE))
async def on_escalate(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
) -> None:
    await service.escalate(uow, user.id, callback_data.dispute_id, clock.now())
    callback_answer.text = _("🏛 The platform will review the dispute.")
    await show_dispute(query, uow, user, callback_data, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.CANCEL_ASK))
async def on_cancel_ask(
    query: CallbackQuery, callback_data: DisputeCb, uow: UnitOfWork, user: User
) -> None:
    await service.get_dispute(uow, user.id, callback_data.dispute_id)
    markup = confirm_kb(callback_data, _("✖️ Yes, cancel the dispute"), DisputeAct.CANCEL)
    await show(query, cancel_confirm_text(), markup)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.CANCEL))
async def on_cancel(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
) -> None:
    await service.cancel(uow, user.id, callback_data.dispute_id, clock.now())
    callback_answer.text = _("The dispute is cancelled.")
    await show_dispute(query, uow, user, callback_data, clock, tz)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.EXPORT))
async def on_export(
    query: CallbackQuery,
    callback_data: DisputeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    card = await service.get_dispute(uow, user.id, callback_data.dispute_id)
    name, body = export_file(card, clock.now(), tz)
    callback_answer.text = _("📄 Sending the evidence file…")
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(body, filename=name),
        caption=export_caption(card),
    )
