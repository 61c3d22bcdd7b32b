"""Returns & disputes: keyboards of the list, the card and its moves."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    DisputeAct,
    DisputeCb,
    DisputeHistoryCb,
    DisputeListCb,
    DisputeStartCb,
    OrderAction,
    OrderCb,
)
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.disputes.card import DisputeScreen
from bot.services.disputes.lists import DisputeList, DisputeTab, OrderDispute
from bot.services.disputes.rules import DisputeAction
from bot.views import format as fmt
from bot.views.disputes.screens import CARD_MESSAGES, dispute_status_icon, dispute_tab_label

MOVE_ACTS = {
    DisputeAction.RETURN_SHIPPED: DisputeAct.RETURN,
    DisputeAction.ACCEPT: DisputeAct.ACCEPT_ASK,
    DisputeAction.REJECT: DisputeAct.REJECT,
    DisputeAction.ESCALATE: DisputeAct.ESCALATE,
    DisputeAction.MESSAGE: DisputeAct.MESSAGE,
    DisputeAction.CANCEL: DisputeAct.CANCEL_ASK,
}


def _move_text(move: DisputeAction) -> str:
    texts = {
        DisputeAction.RETURN_SHIPPED: lambda: _("📦 I shipped the goods back"),
        DisputeAction.ACCEPT: lambda: _("✅ Accept the offer"),
        DisputeAction.REJECT: lambda: _("↩️ Reject and counter"),
        DisputeAction.ESCALATE: lambda: _("🏛 Escalate to the platform"),
        DisputeAction.MESSAGE: lambda: _("✍️ Add a message or evidence"),
        DisputeAction.CANCEL: lambda: _("✖️ Cancel the dispute"),
    }
    return texts[move]()


def disputes_list_kb(listing: DisputeList) -> InlineKeyboardMarkup:
    tab, page = listing.tab, listing.page.number
    tabs = [
        button(
            f"{'• ' if each is tab else ''}{dispute_tab_label(each)} "
            f"{fmt.number(listing.counts[each])}",
            DisputeListCb(tab=each),
        )
        for each in DisputeTab
    ]
    rows = [tabs]
    for dispute, order in listing.page.items:
        amount = fmt.money(dispute.requested_minor, dispute.currency)
        text = f"{dispute_status_icon(dispute.status)} №{order.number} · {amount}"
        data = DisputeCb(action=DisputeAct.OPEN, dispute_id=dispute.id, tab=tab, page=page)
        rows.append([button(text, data)])
    rows.append(page_buttons(page, listing.page.pages, lambda p: DisputeListCb(tab=tab, page=p)))
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def dispute_card_kb(screen: DisputeScreen, cb: DisputeCb) -> InlineKeyboardMarkup:
    """Only the moves the buyer may make now; all messages when the card shows not all of
    them; Export and the order always."""
    dispute = screen.dispute

    def act(action: DisputeAct) -> DisputeCb:
        return cb.model_copy(update={"action": action, "dispute_id": dispute.id})

    rows = [[button(_move_text(move), act(MOVE_ACTS[move]))] for move in screen.moves]
    if len(screen.messages) > CARD_MESSAGES:
        rows.append([button(_("📜 Show all messages"), act(DisputeAct.HISTORY))])
    rows.append([button(_("📄 Export evidence"), act(DisputeAct.EXPORT))])
    rows.append(
        [button(_("📦 Open order"), OrderCb(action=OrderAction.OPEN, order_id=dispute.order_id))]
    )
    rows.append([button(_("⬅️ Back"), DisputeListCb(tab=cb.tab, page=cb.page)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def confirm_kb(cb: DisputeCb, yes_text: str, action: DisputeAct) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(yes_text, cb.model_copy(update={"action": action}))],
            [button(_("⬅️ Back to the dispute"), cb.model_copy(update={"action": DisputeAct.OPEN}))],
        ]
    )


def back_to_card_kb(cb: DisputeCb) -> InlineKeyboardMarkup:
    back = cb.model_copy(update={"action": DisputeAct.OPEN})
    return InlineKeyboardMarkup(inline_keyboard=[[button(_("✖️ Cancel"), back)]])


def history_kb(cb: DisputeCb, page: int = 0, pages: int = 1) -> InlineKeyboardMarkup:
    back = cb.model_copy(update={"action": DisputeAct.OPEN})
    older, newer = (
        DisputeHistoryCb(dispute_id=cb.dispute_id, page=number, tab=cb.tab)
        for number in (page + 1, page - 1)
    )
    paging = [
        *([button(_("⬅️ Older messages"), older)] if page < pages - 1 else []),
        *([button(_("Newer messages ➡️"), newer)] if page > 0 else []),
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            *([paging] if paging else []),
            [button(_("⬅️ Back to the dispute"), back)],
            [home_button()],
        ]
    )


def dispute_button(dispute_id: int) -> InlineKeyboardButton:
    return button(_("⚖️ Dispute"), DisputeCb(action=DisputeAct.OPEN, dispute_id=dispute_id))


def order_dispute_button(found: OrderDispute) -> InlineKeyboardButton | None:
    """On an order card: the dispute it has, or Open dispute while one may be opened."""
    if found.dispute is not None:
        return dispute_button(found.dispute.id)
    if found.eligibility.allowed:
        return button(_("⚖️ Open dispute"), DisputeStartCb(order_id=found.order_id))
    return None
