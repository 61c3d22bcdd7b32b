"""Feedback: keyboards of the awaiting list, the form and the card.

Other sections (home, the order card) open the list with `FeedbackListCb()` and one order's
feedback with `FeedbackCb`.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    EditCb,
    FeedbackAction,
    FeedbackCb,
    FeedbackFormAction,
    FeedbackFormCb,
    FeedbackListCb,
    MyFeedbackCb,
    StarsCb,
)
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.feedback.buyer import FeedbackLeft
from bot.services.feedback.drafts import STAR_STEPS, FeedbackDraft, FeedbackStep
from bot.services.feedback.lists import AwaitingList, FeedbackScreen, MyFeedbackList
from bot.views import format as fmt

STAR_ICON = "⭐"


def awaiting_kb(listing: AwaitingList) -> InlineKeyboardMarkup:
    page = listing.page
    rows: list[list[InlineKeyboardButton]] = [
        [
            button(
                f"{STAR_ICON} №{item.order.number} · {fmt.short(item.order.headline)}",
                FeedbackCb(action=FeedbackAction.RATE, order_id=item.order.id),
            )
        ]
        for item in page.items
    ]
    rows.append(page_buttons(page.number, page.pages, lambda p: FeedbackListCb(page=p)))
    rows.append([my_feedback_button()])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def my_feedback_button() -> InlineKeyboardButton:
    return button(_("📝 My feedback"), MyFeedbackCb())


def my_feedback_kb(listing: MyFeedbackList) -> InlineKeyboardMarkup:
    """One button per feedback (opens it), paging, and the Awaiting feedback tab."""
    page = listing.page
    rows: list[list[InlineKeyboardButton]] = [
        [
            button(
                f"{STAR_ICON}{item.feedback.rating} · №{item.order.number} · "
                f"{fmt.short(item.order.headline, 30)}",
                FeedbackCb(action=FeedbackAction.OPEN, order_id=item.order.id),
            )
        ]
        for item in page.items
    ]
    rows.append(page_buttons(page.number, page.pages, lambda p: MyFeedbackCb(page=p)))
    text = (
        _("⭐ Awaiting feedback ({count})").format(count=fmt.number(listing.awaiting))
        if listing.awaiting
        else _("⭐ Awaiting feedback")
    )
    rows.append([button(text, FeedbackListCb())])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _form(action: FeedbackFormAction) -> FeedbackFormCb:
    return FeedbackFormCb(action=action)


def _back_cancel(draft: FeedbackDraft, step: FeedbackStep) -> list[InlineKeyboardButton]:
    row = []
    if draft.previous_step(step) is not None and not draft.reviewing:
        row.append(button(_("⬅️ Back"), _form(FeedbackFormAction.BACK)))
    if draft.reviewing:
        row.append(button(_("⬅️ Back"), _form(FeedbackFormAction.REVIEW)))
    row.append(button(_("✖️ Cancel"), _form(FeedbackFormAction.CANCEL)))
    return row


def step_kb(draft: FeedbackDraft, step: FeedbackStep) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if step in STAR_STEPS:
        chosen = draft.stars.get(step.value)
        rows.append(
            [
                button(f"{'• ' if n == chosen else ''}{n}{STAR_ICON}", StarsCb(stars=n))
                for n in range(1, 6)
            ]
        )
    elif step is FeedbackStep.TEXT:
        rows.append([button(_("⏭ Skip"), _form(FeedbackFormAction.SKIP))])
    elif draft.photos:
        rows.append([button(_("✅ Done"), _form(FeedbackFormAction.DONE))])
    else:
        rows.append([button(_("⏭ Skip"), _form(FeedbackFormAction.SKIP))])
    rows.append(_back_cancel(draft, step))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def review_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("✅ Submit"), _form(FeedbackFormAction.SUBMIT))],
            [
                button(_("✏️ Edit"), _form(FeedbackFormAction.EDIT)),
                button(_("✖️ Cancel"), _form(FeedbackFormAction.CANCEL)),
            ],
        ]
    )


def edit_kb(draft: FeedbackDraft) -> InlineKeyboardMarkup:
    rows = []
    if not draft.additional:
        rows.append([button(_("⭐ Ratings"), EditCb(step=FeedbackStep.RATING))])
    rows.append([button(_("✍️ Text"), EditCb(step=FeedbackStep.TEXT))])
    rows.append([button(_("📷 Photos"), EditCb(step=FeedbackStep.PHOTOS))])
    rows.append([button(_("⬅️ Back"), _form(FeedbackFormAction.REVIEW))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def order_button(order_id: int) -> InlineKeyboardButton:
    # Imported here: the order card's keyboard imports this module for its feedback buttons.
    from bot.keyboards.callbacks import OrderAction, OrderCb

    return button(_("📦 Open order"), OrderCb(action=OrderAction.OPEN, order_id=order_id))


def thanks_kb(left: FeedbackLeft) -> InlineKeyboardMarkup:
    mine = FeedbackCb(action=FeedbackAction.OPEN, order_id=left.feedback.order_id)
    rows = [[button(_("⭐ My feedback"), mine)]]
    if left.awaiting:
        text = _("⭐ Awaiting feedback ({count})").format(count=fmt.number(left.awaiting))
        rows.append([button(text, FeedbackListCb())])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def feedback_card_kb(card: FeedbackScreen) -> InlineKeyboardMarkup:
    rows = []
    if card.offers_addition:
        add = FeedbackCb(action=FeedbackAction.ADD, order_id=card.order.id)
        rows.append([button(_("➕ Add to my feedback"), add)])
    rows.append([order_button(card.order.id), my_feedback_button()])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)
