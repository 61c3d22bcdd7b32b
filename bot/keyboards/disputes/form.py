"""The open-dispute form: the keyboards of its steps and review."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.enums import DisputeReason
from bot.db.models import Order
from bot.keyboards.callbacks import (
    DisputeEditCb,
    DisputeFormAct,
    DisputeFormCb,
    DisputeReasonCb,
    DisputeStep,
)
from bot.keyboards.nav import button
from bot.services.disputes.rules import paid_minor
from bot.views import format as fmt
from bot.views.disputes.screens import reason_label


def _cancel_row() -> list[InlineKeyboardButton]:
    """Back (to the previous step; from the first, to the order) and Cancel, on every step."""
    return [
        button(_("⬅️ Back"), DisputeFormCb(action=DisputeFormAct.BACK)),
        button(_("✖️ Cancel"), DisputeFormCb(action=DisputeFormAct.CANCEL)),
    ]


def reason_kb() -> InlineKeyboardMarkup:
    rows = [
        [button(reason_label(reason), DisputeReasonCb(reason=reason))] for reason in DisputeReason
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row()])


def refund_kb(order: Order) -> InlineKeyboardMarkup:
    paid = fmt.money(paid_minor(order), order.currency)
    full = _("💯 Full refund: {amount}").format(amount=paid)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(full, DisputeFormCb(action=DisputeFormAct.FULL))],
            [button(_("✂️ Partial refund"), DisputeFormCb(action=DisputeFormAct.PARTIAL))],
            _cancel_row(),
        ]
    )


def cancel_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_cancel_row()])


def return_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    _("📦 Yes, I will return them"), DisputeFormCb(action=DisputeFormAct.RETURN_YES)
                ),
                button(_("🙅 No"), DisputeFormCb(action=DisputeFormAct.RETURN_NO)),
            ],
            _cancel_row(),
        ]
    )


def evidence_kb(count: int) -> InlineKeyboardMarkup:
    text = _("✅ Done") if count else _("⏭ Skip")
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(text, DisputeFormCb(action=DisputeFormAct.DONE))], _cancel_row()]
    )


def review_kb(*, asks_return: bool = True) -> InlineKeyboardMarkup:
    edits = [
        (DisputeStep.REASON, _("✏️ Reason")),
        (DisputeStep.REFUND, _("✏️ Refund")),
        (DisputeStep.RETURN, _("✏️ Return")),
        (DisputeStep.DESCRIPTION, _("✏️ Description")),
        (DisputeStep.EVIDENCE, _("✏️ Evidence")),
    ]
    buttons = [
        button(text, DisputeEditCb(step=step))
        for step, text in edits
        if asks_return or step is not DisputeStep.RETURN
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("📨 Submit the dispute"), DisputeFormCb(action=DisputeFormAct.SUBMIT))],
            buttons[:3],
            buttons[3:],
            _cancel_row(),
        ]
    )
