"""Feedback: the texts of the awaiting list, the form's steps and review, the thanks, the
buyer's feedback card, and the store's rating line."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel.numbers import format_decimal

from bot.db.models import Feedback, Store
from bot.services.feedback.drafts import STAR_STEPS, FeedbackDraft, FeedbackStep
from bot.services.feedback.lists import AwaitingList, FeedbackScreen, MyFeedbackList
from bot.services.feedback.rules import MAX_PHOTOS
from bot.views import format as fmt
from bot.views.fit import clip

# Each stored text on a feedback screen (the review, the addition, the seller's reply: up to
# 4,000 characters from the API) is shortened so that the three together fit one message.
STORED_TEXT_LIMIT = 1100


def step_label(step: FeedbackStep) -> str:
    """The name of a star step."""
    labels = {
        # NOTE: what the buyer rates with 1-5 stars.
        FeedbackStep.RATING: _("Overall"),
        FeedbackStep.AS_DESCRIBED: _("Item as described"),
        FeedbackStep.COMMUNICATION: _("Communication"),
        FeedbackStep.SHIPPING_SPEED: _("Shipping speed"),
    }
    return labels[step]


def stars(count: int) -> str:
    return "★" * count + "☆" * (5 - count)


def store_rating_line(store: Store) -> str | None:
    """E.g. `⭐ 4.8 · 96% positive · 1,234 ratings`; None while the store has no ratings."""
    if not store.rating_count or store.rating_average is None:
        return None
    average = format_decimal(store.rating_average, format="0.0", locale=fmt.locale())
    share = fmt.percent(round((store.rating_positive_share or 0) * 100))
    return ngettext(
        "⭐ {average} · {share} positive · {count} rating",
        "⭐ {average} · {share} positive · {count} ratings",
        store.rating_count,
    ).format(average=average, share=share, count=fmt.number(store.rating_count))


def awaiting_text(listing: AwaitingList, tz: tzinfo) -> str:
    title = _("⭐ <b>Awaiting feedback</b>")
    page = listing.page
    if not page.items:
        return title + "\n\n" + _("No orders are awaiting your feedback. Thank you!")
    lines = [title, "", _("Rate the seller to help other buyers choose."), ""]
    for index, item in enumerate(page.items, start=page.offset + 1):
        order = item.order
        lines.append(
            f"{index}. №{fmt.quote(order.number)} · {fmt.quote(fmt.short(order.headline, 60))}"
        )
        lines.append(f"    {fmt.quote(order.store.name)}")
        line = _("⏳ Feedback closes on {date}").format(date=fmt.day(item.closes_at, tz))
        lines.append(f"    {line}")
    return "\n".join(lines) + fmt.page_note(page)


def _header(draft: FeedbackDraft, number: str) -> str:
    if draft.additional:
        return _("➕ <b>Addition to your feedback on order №{number}</b>").format(
            number=fmt.quote(number)
        )
    return _("⭐ <b>Feedback on order №{number}</b>").format(number=fmt.quote(number))


def _question(draft: FeedbackDraft, step: FeedbackStep) -> str:
    if step in STAR_STEPS:
        return _("How do you rate: <b>{what}</b>? Tap 1 (poor) to 5 (excellent) stars.").format(
            what=step_label(step)
        )
    if step is FeedbackStep.TEXT:
        return _("Tell other buyers about the item and the seller (or tap Skip).")
    count = len(draft.photos)
    ask = _("Send up to {count} photos, one by one; tap Done when finished.").format(
        count=fmt.number(MAX_PHOTOS)
    )
    if count:
        ask += "\n" + _("Added: {count} of {limit}").format(
            count=fmt.number(count), limit=fmt.number(MAX_PHOTOS)
        )
    return ask


def step_text(
    draft: FeedbackDraft, step: FeedbackStep, number: str, problem: str | None = None
) -> str:
    lines = [_header(draft, number), ""]
    if problem is not None:
        lines += [f"⚠️ {problem}", ""]
    lines.append(_question(draft, step))
    if step is FeedbackStep.TEXT and draft.text:
        now_text = clip(draft.text, STORED_TEXT_LIMIT)
        lines += ["", _("Now: {value}").format(value=f"<i>{now_text}</i>")]
    return "\n".join(lines)


def not_stars_problem() -> str:
    return _("Please tap one of the star buttons.")


def not_text_problem() -> str:
    return _("Please send your feedback as text, or tap Skip.")


def not_photo_problem() -> str:
    return _("Please send a photo, or tap the button below.")


def _ratings_lines(values: dict[str, int]) -> list[str]:
    return [f"{step_label(step)}: {stars(values[step.value])}" for step in STAR_STEPS]


def review_text(draft: FeedbackDraft, number: str) -> str:
    lines = [_header(draft, number), "", _("Check your feedback before sending it:"), ""]
    if not draft.additional:
        lines += [*_ratings_lines(draft.stars), ""]
    text = clip(draft.text, STORED_TEXT_LIMIT) if draft.text else _("(no text)")
    lines.append(f"✍️ {text}")
    lines.append(
        ngettext("📷 {count} photo", "📷 {count} photos", len(draft.photos)).format(
            count=fmt.number(len(draft.photos))
        )
    )
    return "\n".join(lines)


def edit_text() -> str:
    return _("What do you want to change?")


def thanks_text(store: Store) -> str:
    lines = [_("🙏 Thank you for your feedback!"), ""]
    rating = store_rating_line(store)
    lines.append(f"<b>{fmt.quote(store.name)}</b>")
    if rating is not None:
        lines.append(rating)
    return "\n".join(lines)


def additional_thanks_text() -> str:
    return _("🙏 Your addition is saved and shown with your feedback.")


def _values(feedback: Feedback) -> dict[str, int]:
    return {step.value: getattr(feedback, step.value) for step in STAR_STEPS}


def feedback_card_text(card: FeedbackScreen, tz: tzinfo) -> str:
    feedback, order = card.feedback, card.order
    lines = [
        _("⭐ <b>My feedback on order №{number}</b>").format(number=fmt.quote(order.number)),
        _("Store: {store}").format(store=f"<b>{fmt.quote(order.store.name)}</b>"),
        _("Left on {date}").format(date=fmt.day(feedback.created_at, tz)),
        "",
        *_ratings_lines(_values(feedback)),
        "",
        f"✍️ {clip(feedback.text, STORED_TEXT_LIMIT) if feedback.text else _('(no text)')}",
        ngettext("📷 {count} photo", "📷 {count} photos", card.photos).format(
            count=fmt.number(card.photos)
        ),
    ]
    if feedback.additional_at is not None:
        lines += ["", _("➕ Added on {date}:").format(date=fmt.day(feedback.additional_at, tz))]
        addition = clip(feedback.additional_text or "", STORED_TEXT_LIMIT)
        lines.append(f"✍️ {addition or _('(no text)')}")
        lines.append(
            ngettext("📷 {count} photo", "📷 {count} photos", card.additional_photos).format(
                count=fmt.number(card.additional_photos)
            )
        )
    elif card.can_add:
        lines += [
            "",
            _("You can add to this feedback once, until {date}.").format(
                date=fmt.day(card.additional_until, tz)
            ),
        ]
    if feedback.seller_reply is not None:
        reply = clip(feedback.seller_reply, STORED_TEXT_LIMIT)
        lines += ["", _("💬 <b>The seller's reply:</b>"), reply]
    return "\n".join(lines)


def my_feedback_text(listing: MyFeedbackList, tz: tzinfo) -> str:
    """The "My feedback" tab: each feedback with its stars, the start of its text, photos,
    and whether it has an addition and a seller's reply; open one with its button."""
    title = _("📝 <b>My feedback</b>")
    page = listing.page
    if not page.items:
        return title + "\n\n" + _("You have not left any feedback yet.")
    lines = [title, ""]
    for index, item in enumerate(page.items, start=page.offset + 1):
        feedback, order = item.feedback, item.order
        lines.append(
            f"{index}. №{fmt.quote(order.number)} · {fmt.quote(fmt.short(order.headline, 60))}"
        )
        lines.append(
            f"    {fmt.quote(fmt.short(order.store.name, 40))} · {stars(feedback.rating)}"
            f" · {fmt.day(feedback.created_at, tz)}"
        )
        if feedback.text:
            lines.append(f"    ✍️ {fmt.quote(fmt.short(feedback.text, 80))}")
        marks = []
        if item.photos:
            marks.append(f"📷 {fmt.number(item.photos)}")
        if feedback.additional_at is not None:
            marks.append(_("➕ addition"))
        if feedback.seller_reply is not None:
            marks.append(_("💬 the seller replied"))
        if marks:
            lines.append("    " + " · ".join(marks))
    return "\n".join(lines) + fmt.page_note(page)
