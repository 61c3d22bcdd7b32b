"""The address form's typed answers: each step's text, the country search, the phone (typed or
shared as a contact), and anything else sent meanwhile, which re-asks the step with a reason.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters import Filter, StateFilter
from aiogram.types import Message, ReplyKeyboardRemove
from aiogram.utils.i18n import I18n

from bot.handlers.addresses.form import (
    AddressForm,
    advance,
    ask,
    ask_again,
    cancel_form,
    current_field,
    go_back,
    load_draft,
    show_review,
)
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.addresses.form import back_label, cancel_label, countries_kb, share_phone_label
from bot.middlewares.context import Ctx
from bot.services.addresses.book import AddressField
from bot.services.addresses.countries import search_countries
from bot.services.addresses.drafts import check_text_step
from bot.services.addresses.errors import FieldRefused
from bot.services.addresses.fields import check_phone
from bot.views.addresses.form import (
    countries_found_text,
    form_closed_text,
    no_country_problem,
    not_text_problem,
    phone_accepted_text,
    someone_elses_contact_problem,
    use_buttons_text,
)

routes = Routes("address_steps", account_only=True)

TEXT_STEPS = StateFilter(
    AddressForm.recipient,
    AddressForm.region,
    AddressForm.city,
    AddressForm.street,
    AddressForm.postal_code,
)


class Pressed(Filter):
    """A typed button of the reply keyboard, compared in the buyer's language."""

    def __init__(self, *labels: Callable[[], str]) -> None:
        self.labels = labels

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and message.text in {label() for label in self.labels}


class HasContact(Filter):
    async def __call__(self, message: Message) -> bool:
        return message.contact is not None


@routes.message(TEXT_STEPS, HasText())
async def on_text_step(message: Message, ctx: Ctx) -> None:
    draft, field = await load_draft(ctx.state), await current_field(ctx.state)
    try:
        value = check_text_step(draft, field, message.text or "")
    except FieldRefused as refused:  # a street without a number is asked about once
        await ask_again(message, ctx, draft, field, refused)
        return
    await advance(message, ctx, draft.with_value(field, value), field)


@routes.message(StateFilter(AddressForm.country), HasText())
async def on_country_text(message: Message, ctx: Ctx, i18n: I18n) -> None:
    """Up to eight matches to choose from; even a single match is confirmed with a button."""
    draft, typed = await load_draft(ctx.state), message.text or ""
    found = search_countries(typed, i18n.current_locale)
    if not found:
        await ask(message, ctx, draft, AddressField.COUNTRY, no_country_problem(typed))
        return
    await message.answer(countries_found_text(found), reply_markup=countries_kb(draft, found))


@routes.message(StateFilter(AddressForm.phone), Pressed(back_label))
async def on_phone_back(message: Message, ctx: Ctx) -> None:
    await go_back(message, ctx)


@routes.message(StateFilter(AddressForm.phone), Pressed(cancel_label))
async def on_phone_cancel(message: Message, ctx: Ctx) -> None:
    await cancel_form(message, ctx)


@routes.message(StateFilter(AddressForm.phone), HasContact())
async def on_phone_contact(message: Message, ctx: Ctx) -> None:
    """Telegram's button shares the sender's own number; a forwarded card of someone else is
    not proof of anything, so that number must be typed."""
    draft, contact = await load_draft(ctx.state), message.contact
    assert contact is not None
    sender = message.from_user.id if message.from_user else None
    if contact.user_id is None or contact.user_id != sender:
        await ask(message, ctx, draft, AddressField.PHONE, someone_elses_contact_problem())
        return
    await _take_phone(message, ctx, contact.phone_number, international=True)


@routes.message(StateFilter(AddressForm.phone), HasText())
async def on_phone_text(message: Message, ctx: Ctx) -> None:
    await _take_phone(message, ctx, message.text or "", international=False)


async def _take_phone(message: Message, ctx: Ctx, text: str, *, international: bool) -> None:
    draft = await load_draft(ctx.state)
    try:
        phone = check_phone(text, draft.country or "", international=international)
    except FieldRefused as refused:
        await ask_again(message, ctx, draft, AddressField.PHONE, refused)
        return
    draft = draft.with_value(AddressField.PHONE, phone.e164)
    await message.answer(phone_accepted_text(phone.e164), reply_markup=ReplyKeyboardRemove())
    await advance(message, ctx, draft, AddressField.PHONE)


@routes.message(StateFilter(AddressForm.review))
async def on_review_message(message: Message, ctx: Ctx) -> None:
    await message.answer(use_buttons_text())
    await show_review(message, ctx, await load_draft(ctx.state))


@routes.message(StateFilter(AddressForm))
async def on_not_text(message: Message, ctx: Ctx) -> None:
    """A sticker, a photo, a voice message...: the same step again, with why."""
    draft, field = await load_draft(ctx.state), await current_field(ctx.state)
    await ask(message, ctx, draft, field, not_text_problem(field))


@routes.message(StateFilter(None), HasContact())
@routes.message(StateFilter(None), Pressed(back_label, cancel_label, share_phone_label))
async def on_leftover_keyboard(message: Message) -> None:
    """The phone step's keyboard outlived its form (/cancel, a restart): take it away."""
    await message.answer(form_closed_text(), reply_markup=ReplyKeyboardRemove())
