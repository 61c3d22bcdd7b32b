"""The address form (add or edit): one FSM state per step, then a review before saving.

The draft lives in FSM data as plain JSON (`AddressDraft`), so with Redis storage a
half-filled form survives a restart. This module holds the states, the moves between steps
and the buttons; the typed answers are handled in `steps.py`.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace

from aiogram import F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.addresses.screens import render_address, show_address, show_addresses
from bot.handlers.routes import Routes
from bot.handlers.stale import stale_button_text
from bot.handlers.start import show_home
from bot.keyboards.addresses.form import fields_kb, phone_kb, review_kb, step_kb
from bot.keyboards.callbacks import (
    AddressAction,
    AddressCb,
    AddressFormAction,
    AddressListAction,
    AddressListCb,
    CountryCb,
    FieldCb,
    FormCb,
)
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.services.addresses import book as service
from bot.services.addresses.book import AddressField
from bot.services.addresses.countries import check_country
from bot.services.addresses.drafts import AddressDraft, editing_draft
from bot.services.addresses.errors import CountryUnknown, FieldRefused
from bot.services.addresses.postal_codes import check_postal_code
from bot.views.addresses.errors import refused_text
from bot.views.addresses.form import (
    country_chosen_text,
    fields_text,
    form_expired_text,
    going_back_text,
    review_text,
    step_text,
)
from bot.views.addresses.screens import address_saved_text
from bot.views.home import cancelled_text
from bot.views.screen import show

routes = Routes(
    "address_form",
    callbacks=(AddressListCb, AddressCb, FormCb, CountryCb, FieldCb),
    account_only=True,
)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class AddressForm(StatesGroup):
    recipient = State()
    country = State()
    phone = Step(reply_keyboard=True)  # "Share my phone"
    region = State()
    city = State()
    street = State()
    postal_code = State()
    review = State()


STATE_OF = {
    AddressField.RECIPIENT: AddressForm.recipient,
    AddressField.COUNTRY: AddressForm.country,
    AddressField.PHONE: AddressForm.phone,
    AddressField.REGION: AddressForm.region,
    AddressField.CITY: AddressForm.city,
    AddressField.STREET: AddressForm.street,
    AddressField.POSTAL_CODE: AddressForm.postal_code,
}
FIELD_OF = {state.state: field for field, state in STATE_OF.items()}
STEP_STATES = tuple(STATE_OF.values())


async def load_draft(state: FSMContext) -> AddressDraft:
    """The draft in FSM data; an empty one if it is gone (the form then starts over)."""
    return AddressDraft.from_data(await state.get_data()) or AddressDraft()


async def current_field(state: FSMContext) -> AddressField:
    return FIELD_OF.get(await state.get_state() or "", AddressField.RECIPIENT)


async def send_new(event: Message | CallbackQuery, text: str, markup: Markup | None) -> None:
    """A new message at the bottom of the chat (a reply keyboard cannot be edited in)."""
    if isinstance(event, Message):
        await event.answer(text, reply_markup=markup)
    elif event.bot is not None:
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)


async def drop_buttons(query: CallbackQuery) -> None:
    """The screen the buyer left for a new message keeps its text but not its buttons."""
    if isinstance(query.message, Message):
        with suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


async def ask(
    event: Message | CallbackQuery,
    ctx: Ctx,
    draft: AddressDraft,
    field: AddressField,
    problem: str | None = None,
    *,
    fresh: bool = False,
) -> None:
    """Show a step's question (with why the last answer was refused) and wait for it."""
    await ctx.state.set_state(STATE_OF[field])
    await ctx.state.set_data(draft.to_data())
    text = step_text(draft, field, problem)
    if field is AddressField.PHONE:
        if isinstance(event, CallbackQuery) and not fresh:
            await drop_buttons(event)
        await send_new(event, text, phone_kb(draft))
    elif fresh:
        await send_new(event, text, step_kb(draft, field))
    else:
        await show(event, text, step_kb(draft, field))


async def ask_again(
    event: Message | CallbackQuery,
    ctx: Ctx,
    draft: AddressDraft,
    field: AddressField,
    refused: FieldRefused,
) -> None:
    """The same step, saying why its answer was refused."""
    await ask(event, ctx, draft.noting(refused), field, refused_text(refused))


async def show_review(
    event: Message | CallbackQuery, ctx: Ctx, draft: AddressDraft, *, fresh: bool = False
) -> None:
    draft = replace(draft, reviewing=True)
    await ctx.state.set_state(AddressForm.review)
    await ctx.state.set_data(draft.to_data())
    if fresh:
        await send_new(event, review_text(draft), review_kb())
    else:
        await show(event, review_text(draft), review_kb())


async def advance(
    event: Message | CallbackQuery,
    ctx: Ctx,
    draft: AddressDraft,
    after: AddressField,
    *,
    fresh: bool = False,
) -> None:
    """The next step, or the review once every field is there."""
    following = draft.next_step(after)
    if following is None:
        await show_review(event, ctx, draft, fresh=fresh)
    else:
        await ask(event, ctx, draft, following, fresh=fresh)


async def go_back(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """Back from the phone step also takes its reply keyboard away."""
    draft, field = await load_draft(ctx.state), await current_field(ctx.state)
    leaving_phone = field is AddressField.PHONE
    if leaving_phone:
        await send_new(event, going_back_text(), ReplyKeyboardRemove())
    target = draft.previous_step(field)
    if target is None:
        await show_review(event, ctx, draft, fresh=leaving_phone)
    else:
        await ask(event, ctx, draft, target, fresh=leaving_phone)


async def cancel_form(
    event: Message | CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer | None = None
) -> None:
    """Leave without saving: back to the card being edited, or to the list (home, when the
    form was offered at sign-up)."""
    draft, field = await load_draft(ctx.state), await current_field(ctx.state)
    await ctx.state.clear()
    if field is AddressField.PHONE:
        await send_new(event, cancelled_text(True), ReplyKeyboardRemove())
    elif callback_answer is not None:
        callback_answer.text = cancelled_text(True)
    if draft.welcome:
        await show_home(event, ctx)
    elif draft.address_id is None:
        await show_addresses(event, ctx)
    else:
        await show_address(event, ctx, draft.address_id)


# --- entering the form ------------------------------------------------------------------------


@routes.callback_query(AddressListCb.filter(F.action == AddressListAction.ADD))
async def on_add(query: CallbackQuery, ctx: Ctx) -> None:
    await service.check_can_add(ctx.uow, ctx.user.id)
    await ask(query, ctx, AddressDraft(), AddressField.RECIPIENT)


@routes.callback_query(AddressListCb.filter(F.action == AddressListAction.WELCOME))
async def on_add_first(query: CallbackQuery, ctx: Ctx) -> None:
    await service.check_can_add(ctx.uow, ctx.user.id)
    await ask(query, ctx, AddressDraft(welcome=True), AddressField.RECIPIENT)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.EDIT))
async def on_edit(query: CallbackQuery, callback_data: AddressCb, ctx: Ctx) -> None:
    draft = await editing_draft(ctx.uow, ctx.user.id, callback_data.address_id)
    await show_review(query, ctx, draft)


# --- buttons of the steps ---------------------------------------------------------------------


@routes.callback_query(FormCb.filter(F.action == AddressFormAction.BACK), StateFilter(*STEP_STATES))
async def on_back(query: CallbackQuery, ctx: Ctx) -> None:
    await go_back(query, ctx)


@routes.callback_query(
    FormCb.filter(F.action == AddressFormAction.CANCEL), StateFilter(AddressForm)
)
async def on_cancel(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    await cancel_form(query, ctx, callback_answer)


@routes.callback_query(CountryCb.filter(), StateFilter(AddressForm.country))
async def on_country(
    query: CallbackQuery, callback_data: CountryCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    """The chosen country stays in the chat; the next step comes as a new message."""
    try:
        country = check_country(callback_data.code)
    except CountryUnknown:  # a forged button: no list ever offered it
        callback_answer.text, callback_answer.show_alert = stale_button_text(), True
        return
    draft = (await load_draft(ctx.state)).with_value(AddressField.COUNTRY, country)
    await show(query, country_chosen_text(country))
    await advance(query, ctx, draft, AddressField.COUNTRY, fresh=True)


@routes.callback_query(
    FormCb.filter(F.action == AddressFormAction.NO_POSTAL_CODE),
    StateFilter(AddressForm.postal_code),
)
async def on_no_postal_code(query: CallbackQuery, ctx: Ctx) -> None:
    draft = await load_draft(ctx.state)
    try:
        no_code = check_postal_code("", draft.country or "")
    except FieldRefused as refused:
        await ask_again(query, ctx, draft, AddressField.POSTAL_CODE, refused)
        return
    draft = draft.with_value(AddressField.POSTAL_CODE, no_code)
    await advance(query, ctx, draft, AddressField.POSTAL_CODE)


# --- the review -------------------------------------------------------------------------------


@routes.callback_query(
    FormCb.filter(F.action == AddressFormAction.SAVE), StateFilter(AddressForm.review)
)
async def on_save(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    draft = await load_draft(ctx.state)
    details = draft.details()
    if details is None:  # a field went missing (e.g. a changed country's postal code)
        await advance(query, ctx, draft, AddressField.RECIPIENT)
        return
    address = await service.save_address(ctx.uow, ctx.user.id, draft.address_id, details, ctx.now())
    await ctx.state.clear()
    callback_answer.text = address_saved_text()
    if draft.welcome:
        await show_home(query, ctx)
    else:
        await render_address(query, address)


@routes.callback_query(
    FormCb.filter(F.action == AddressFormAction.FIELDS), StateFilter(AddressForm.review)
)
async def fields_screen(query: CallbackQuery, ctx: Ctx) -> None:
    draft = await load_draft(ctx.state)
    await show(query, fields_text(draft), fields_kb(draft))


@routes.callback_query(
    FormCb.filter(F.action == AddressFormAction.REVIEW), StateFilter(AddressForm.review)
)
async def review_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await show_review(query, ctx, await load_draft(ctx.state))


@routes.callback_query(FieldCb.filter(), StateFilter(AddressForm.review))
async def on_field(query: CallbackQuery, callback_data: FieldCb, ctx: Ctx) -> None:
    await ask(query, ctx, await load_draft(ctx.state), callback_data.field)


# --- buttons of a form that is gone or of another step ----------------------------------------


@routes.callback_query(FormCb.filter(), StateFilter(AddressForm))
@routes.callback_query(CountryCb.filter(), StateFilter(AddressForm))
@routes.callback_query(FieldCb.filter(), StateFilter(AddressForm))
async def on_other_step_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.callback_query(FormCb.filter())
@routes.callback_query(CountryCb.filter())
@routes.callback_query(FieldCb.filter())
async def on_expired_form(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    """After a restart without Redis, or after /cancel: say so and open the list."""
    callback_answer.text, callback_answer.show_alert = form_expired_text(), True
    await show_addresses(query, ctx)
