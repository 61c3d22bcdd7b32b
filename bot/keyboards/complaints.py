"""Complaints: keyboards of the report form and the complaint list."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.enums import ComplaintReason
from bot.keyboards.callbacks import ComplaintListCb, ReportReasonCb, ReportStep, ReportStepCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.complaints import ComplaintList
from bot.views.complaints import reason_label


def _cancel_row() -> list[InlineKeyboardButton]:
    return [button(_("✖️ Cancel"), ReportStepCb(step=ReportStep.CANCEL))]


def reasons_kb() -> InlineKeyboardMarkup:
    rows = [
        [button(reason_label(reason), ReportReasonCb(reason=reason))] for reason in ComplaintReason
    ]
    rows.append(_cancel_row())
    return InlineKeyboardMarkup(inline_keyboard=rows)


def skip_text_kb() -> InlineKeyboardMarkup:
    rows = [[button(_("⏭ Skip"), ReportStepCb(step=ReportStep.SKIP))], _cancel_row()]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def anonymity_kb() -> InlineKeyboardMarkup:
    rows = [
        [
            button(_("🕶 Yes, anonymously"), ReportStepCb(step=ReportStep.ANONYMOUS)),
            button(_("👤 No, with my name"), ReportStepCb(step=ReportStep.NAMED)),
        ],
        _cancel_row(),
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def review_kb() -> InlineKeyboardMarkup:
    rows = [[button(_("📨 Submit"), ReportStepCb(step=ReportStep.SUBMIT))], _cancel_row()]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def sent_kb() -> InlineKeyboardMarkup:
    rows = [[button(_("🚩 My complaints"), ComplaintListCb()), home_button()]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def complaints_kb(listing: ComplaintList, back: InlineKeyboardButton) -> InlineKeyboardMarkup:
    """`back` leads to the message center (its keyboard module imports this one)."""
    page = listing.page
    rows = [
        page_buttons(page.number, page.pages, lambda p: ComplaintListCb(page=p)),
        [back, home_button()],
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])
