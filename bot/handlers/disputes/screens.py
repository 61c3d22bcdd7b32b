"""Returns & disputes: the Active and Closed tabs, the dispute card, and the buyer's moves
that need no typing (accept, escalate, cancel, export evidence).

A screen is one handler: parse the button (or command), ask the service for the screen's read
model, render it. A move is the service call, a toast, and the dispute card it returns.
"""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DisputeAct, DisputeCb, DisputeHistoryCb, DisputeListCb
from bot.keyboards.disputes.screens import confirm_kb, dispute_card_kb, disputes_list_kb, history_kb
from bot.middlewares.context import Ctx
from bot.services.disputes import buyer as service
from bot.services.disputes import card as cards
from bot.services.disputes.card import DisputeScreen
from bot.services.disputes.lists import DisputeTab, list_disputes
from bot.views.disputes.export import export_caption, export_file
from bot.views.disputes.screens import (
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


@routes.message(Command("disputes"))
@routes.callback_query(DisputeListCb.filter())
async def disputes_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: DisputeListCb | None = None
) -> None:
    """Returns & disputes, from /disputes or a tab or page button; whatever form was open is
    left. The list pages as My orders does."""
    cb = callback_data or DisputeListCb(tab=DisputeTab.ACTIVE)
    await ctx.state.clear()
    size = ctx.rules.orders_page_size
    listing = await list_disputes(ctx.uow, ctx.user.id, cb.tab, cb.page, size)
    await show(event, disputes_list_text(listing), disputes_list_kb(listing))


async def render_dispute_card(
    event: Message | CallbackQuery, cb: DisputeCb, screen: DisputeScreen, ctx: Ctx
) -> None:
    """The dispute card a screen or a move returned (`cb`: where its Back button leads)."""
    await show(event, dispute_card_text(screen, ctx.now(), ctx.tz), dispute_card_kb(screen, cb))


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.OPEN))
async def dispute_card(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    screen = await cards.dispute_screen(ctx.uow, ctx.user.id, callback_data.dispute_id, ctx.now())
    await render_dispute_card(query, callback_data, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.HISTORY))
@routes.callback_query(DisputeHistoryCb.filter())
async def history_screen(
    query: CallbackQuery, callback_data: DisputeCb | DisputeHistoryCb, ctx: Ctx
) -> None:
    """The whole correspondence, the newest page first; from the card or a page button."""
    if isinstance(callback_data, DisputeHistoryCb):
        page = callback_data.page
        cb = DisputeCb(
            action=DisputeAct.HISTORY, dispute_id=callback_data.dispute_id, tab=callback_data.tab
        )
    else:
        page, cb = 0, callback_data
    card = await cards.get_dispute(ctx.uow, ctx.user.id, cb.dispute_id)
    paged = history_text(card, ctx.tz, page)
    await show(query, paged.text, history_kb(cb, paged.page, paged.pages))


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ACCEPT_ASK))
async def accept_offer_screen(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    brief = await cards.dispute_brief(ctx.uow, ctx.user.id, callback_data.dispute_id)
    markup = confirm_kb(callback_data, _("✅ Yes, accept"), DisputeAct.ACCEPT)
    await show(query, accept_confirm_text(brief.dispute), markup)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ACCEPT))
async def on_accept(
    query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    screen = await service.accept_offer(
        ctx.uow, ctx.user.id, callback_data.dispute_id, ctx.now(), ctx.rules.disputes
    )
    callback_answer.text = _("✅ Offer accepted.")
    await render_dispute_card(query, callback_data, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.ESCALATE))
async def on_escalate(
    query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    screen = await service.escalate(ctx.uow, ctx.user.id, callback_data.dispute_id, ctx.now())
    callback_answer.text = _("🏛 The platform will review the dispute.")
    await render_dispute_card(query, callback_data, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.CANCEL_ASK))
async def cancel_dispute_screen(query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx) -> None:
    await cards.dispute_brief(ctx.uow, ctx.user.id, callback_data.dispute_id)  # only theirs
    markup = confirm_kb(callback_data, _("✖️ Yes, cancel the dispute"), DisputeAct.CANCEL)
    await show(query, cancel_confirm_text(), markup)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.CANCEL))
async def on_cancel(
    query: CallbackQuery, callback_data: DisputeCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    screen = await service.cancel(ctx.uow, ctx.user.id, callback_data.dispute_id, ctx.now())
    callback_answer.text = _("The dispute is cancelled.")
    await render_dispute_card(query, callback_data, screen, ctx)


@routes.callback_query(DisputeCb.filter(F.action == DisputeAct.EXPORT))
async def on_export(
    query: CallbackQuery,
    callback_data: DisputeCb,
    ctx: Ctx,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    card = await cards.get_dispute(ctx.uow, ctx.user.id, callback_data.dispute_id)
    name, body = export_file(card, ctx.now(), ctx.tz)
    callback_answer.text = _("📄 Sending the evidence file…")
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(body, filename=name),
        caption=export_caption(card),
    )
