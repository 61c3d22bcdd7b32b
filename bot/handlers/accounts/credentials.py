"""Changing the password or the e-mail (from the profile); confirming an e-mail nobody confirmed."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.accounts.auth import profile_of
from bot.handlers.accounts.flow import current_password_ok, mail_code, read_secret
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import cancel_button, code_kb, email_taken_kb, form_kb
from bot.keyboards.callbacks import ProfileAction, ProfileCb
from bot.keyboards.nav import button, home_button
from bot.middlewares.commands import Step
from bot.notify.mail import Mailer
from bot.services.accounts import auth, credentials, passwords
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import WeakPassword
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.views.accounts import auth as auth_texts
from bot.views.accounts import credentials as texts
from bot.views.screen import show

routes = Routes("credentials", callbacks=(ProfileCb,), account_only=True)


class ChangePassword(StatesGroup):
    current = Step(secret=True)
    code = Step(secret=True)
    new = Step(secret=True)


class ChangeEmail(StatesGroup):
    email = State()
    code = Step(secret=True)


def _kb(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [cancel_button()]])


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.PASSWORD))
async def on_password(query: CallbackQuery, user: User, state: FSMContext) -> None:
    if user.email is None:
        add = button(_("📧 Add e-mail"), ProfileCb(action=ProfileAction.EMAIL))
        await show(query, texts.add_email_first_text(), _kb([add]))
        return
    if user.password_hash is None:  # no password yet: the e-mail proves it is them
        await show(query, texts.no_password_yet_text(), _code_instead_kb())
        return
    await state.set_state(ChangePassword.current)
    await show(query, texts.ask_current_password_text(), _code_instead_kb())


def _code_instead_kb() -> InlineKeyboardMarkup:
    code = button(_("📨 Send a code instead"), ProfileCb(action=ProfileAction.PASSWORD_CODE))
    return _kb([code])


@routes.message(StateFilter(ChangePassword.current), HasText())
async def on_current(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    state: FSMContext,
    tz: tzinfo,
    password_queue: PasswordQueue,
) -> None:
    now = clock.now()
    if not await current_password_ok(
        message, uow, password_queue, user, now, state, tz, _code_instead_kb()
    ):
        return
    await state.set_state(ChangePassword.new)
    await message.answer(auth_texts.ask_new_password_text(), reply_markup=form_kb())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.PASSWORD_CODE))
async def on_code_instead(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    code_limits: CodeLimits,
) -> None:
    if user.email is None:
        await show(query, texts.add_email_first_text(), form_kb())
        return
    sent = await auth.issue_email_code(
        uow, code_limits, query.from_user.id, user.id, auth.Purpose.RESET, user.email, clock.now()
    )
    if not await mail_code(mailer, settings, sent):
        await show(query, auth_texts.mail_failed_text(), form_kb())
        return
    await state.set_state(ChangePassword.code)
    await show(query, texts.ask_email_code_text(auth.mask_email(user.email)), code_kb())


@routes.message(StateFilter(ChangePassword.code), HasText())
async def on_password_code(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    state: FSMContext,
    code_limits: CodeLimits,
) -> None:
    typed = await read_secret(message)
    telegram_id = profile_of(message).telegram_id
    result = await auth.check_email_code(
        uow, code_limits, telegram_id, user.id, auth.Purpose.RESET, typed, clock.now()
    )
    if result.check is None or not result.check.ok:
        await message.answer(auth_texts.code_refused_text(result.check), reply_markup=form_kb())
        return
    await state.set_state(ChangePassword.new)
    await message.answer(auth_texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(ChangePassword.new), HasText())
async def on_new_password(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    state: FSMContext,
    password_queue: PasswordQueue,
) -> None:
    password = await read_secret(message)
    try:
        await passwords.check_strength_async(password, [user.email, user.first_name])
    except WeakPassword as weak:
        await message.answer(auth_texts.weak_password_text(weak), reply_markup=form_kb())
        return
    telegram_id = profile_of(message).telegram_id
    password_hash = await hash_new_password(uow, password_queue, telegram_id, password)
    await credentials.change_password(uow, user, telegram_id, password_hash, clock.now())
    await state.clear()
    markup = InlineKeyboardMarkup(inline_keyboard=[[home_button()]])
    await message.answer(auth_texts.password_set_text(), reply_markup=markup)


# -- e-mail ---------------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.EMAIL))
async def on_email(query: CallbackQuery, user: User, state: FSMContext) -> None:
    await state.set_state(ChangeEmail.email)
    if user.email is not None and credentials.needs_confirming(user):
        confirm = button(_("📨 Confirm this e-mail"), ProfileCb(action=ProfileAction.EMAIL_CONFIRM))
        await show(query, texts.email_not_confirmed_text(user.email), _kb([confirm]))
        return
    await show(query, texts.ask_new_email_text(), form_kb())


async def _send_email_code(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    email: str,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    tz: tzinfo,
    limits: CodeLimits,
) -> None:
    """A code to `email`: a new address, or the current one to confirm it."""
    telegram_id = profile_of(event).telegram_id
    sent = await credentials.start_email_change(uow, limits, telegram_id, user, email, clock.now())
    if not await mail_code(mailer, settings, sent):
        await show(event, auth_texts.mail_failed_text(), form_kb())
        return
    await state.set_state(ChangeEmail.code)
    masked = auth.mask_email(email)
    await show(event, auth_texts.code_sent_text(masked, sent.expires_at, tz), form_kb())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.EMAIL_CONFIRM))
async def on_confirm_email(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    tz: tzinfo,
    code_limits: CodeLimits,
) -> None:
    if user.email is None or not credentials.needs_confirming(user):  # done meanwhile
        await state.set_state(ChangeEmail.email)
        await show(query, texts.ask_new_email_text(), form_kb())
        return
    await _send_email_code(
        query, uow, user, user.email, clock, settings, state, mailer, tz, code_limits
    )


@routes.message(StateFilter(ChangeEmail.email), HasText())
async def on_new_email(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    tz: tzinfo,
    code_limits: CodeLimits,
) -> None:
    email = auth.normalize_email(message.text or "")
    if email is None:
        await message.answer(auth_texts.bad_email_text(), reply_markup=form_kb())
        return
    if email == user.email and not credentials.needs_confirming(user):
        await message.answer(texts.same_email_text(), reply_markup=form_kb())
        return
    if await auth.email_taken(uow, email, by=user):
        await state.set_state(None)
        await message.answer(auth_texts.email_taken_text(), reply_markup=email_taken_kb())
        return
    await _send_email_code(
        message, uow, user, email, clock, settings, state, mailer, tz, code_limits
    )


@routes.message(StateFilter(ChangeEmail.code), HasText())
async def on_email_code(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    state: FSMContext,
    code_limits: CodeLimits,
) -> None:
    typed = await read_secret(message)
    now = clock.now()
    telegram_id = profile_of(message).telegram_id
    purpose = auth.Purpose.NEW_EMAIL
    result = await auth.check_email_code(
        uow, code_limits, telegram_id, user.id, purpose, typed, now
    )
    if result.check is None or not result.check.ok or result.code is None:
        await message.answer(auth_texts.code_refused_text(result.check), reply_markup=form_kb())
        return
    await state.clear()
    confirming = result.code.email == user.email
    if not await credentials.finish_email_change(uow, user, result.code.email, now):
        await message.answer(auth_texts.email_taken_text(), reply_markup=email_taken_kb())
        return
    markup = InlineKeyboardMarkup(inline_keyboard=[[home_button()]])
    done = texts.email_confirmed_text if confirming else texts.email_changed_text
    await message.answer(done(result.code.email), reply_markup=markup)


@routes.message(
    StateFilter(
        ChangePassword.current,
        ChangePassword.code,
        ChangePassword.new,
        ChangeEmail.email,
        ChangeEmail.code,
    )
)
async def on_not_text(message: Message) -> None:
    await message.answer(auth_texts.send_text_text(), reply_markup=form_kb())
