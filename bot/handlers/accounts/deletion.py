"""Deleting the account (from the profile), confirmed with the strongest proof it has."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.accounts.auth import profile_of
from bot.handlers.accounts.flow import current_password_ok, mail_code, read_secret
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.start import show_home
from bot.keyboards.auth import cancel_button, form_kb
from bot.keyboards.callbacks import ProfileAction, ProfileCb
from bot.keyboards.nav import button, home_button
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.notify.mail import Mailer
from bot.services.accounts import auth, credentials
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.hashing import PasswordQueue
from bot.views.accounts import auth as auth_texts
from bot.views.accounts import credentials as texts
from bot.views.screen import show

routes = Routes("deletion", callbacks=(ProfileCb,), account_only=True)


class DeleteAccount(StatesGroup):
    password = Step(secret=True)
    code = Step(secret=True)
    confirm = State()  # the typed word


async def _ask_deletion_code(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    limits: CodeLimits,
) -> None:
    telegram_id = profile_of(event).telegram_id
    sent = await credentials.send_deletion_code(uow, limits, telegram_id, user, clock.now())
    if sent is None or not await mail_code(mailer, settings, sent):
        await show(event, auth_texts.mail_failed_text(), form_kb())
        return
    await state.set_state(DeleteAccount.code)
    prompt = texts.delete_code_prompt(auth.mask_email(sent.email))
    await show(event, texts.delete_warning_text(prompt), form_kb())


def _delete_password_kb(user: User) -> InlineKeyboardMarkup:
    if not credentials.email_confirmed(user):
        return form_kb()
    code = button(_("📨 Send a code instead"), ProfileCb(action=ProfileAction.DELETE_CODE))
    return InlineKeyboardMarkup(inline_keyboard=[[code], [cancel_button()]])


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.DELETE))
async def on_delete(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    code_limits: CodeLimits,
) -> None:
    """The confirmation asks for the strongest proof the account has (the service says which):
    the password, else a code to the confirmed e-mail, else a typed word."""
    proof = await credentials.check_account_deletable(uow, user)
    if proof is credentials.DeletionProof.PASSWORD:
        await state.set_state(DeleteAccount.password)
        prompt = texts.delete_password_prompt()
        await show(query, texts.delete_warning_text(prompt), _delete_password_kb(user))
    elif proof is credentials.DeletionProof.EMAIL_CODE:
        await _ask_deletion_code(query, uow, user, clock, settings, state, mailer, code_limits)
    else:
        await state.set_state(DeleteAccount.confirm)
        prompt = texts.delete_word_prompt(texts.delete_word())
        await show(query, texts.delete_warning_text(prompt), form_kb())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.DELETE_CODE))
async def on_delete_code_instead(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    code_limits: CodeLimits,
) -> None:
    await credentials.check_account_deletable(uow, user)
    await _ask_deletion_code(query, uow, user, clock, settings, state, mailer, code_limits)


async def _delete(message: Message, ctx: Ctx) -> None:
    guest = await credentials.delete_account(ctx.uow, ctx.user, profile_of(message), ctx.now())
    await message.answer(texts.deleted_text())
    await show_home(message, ctx.signed_in_as(guest))


@routes.message(StateFilter(DeleteAccount.password), HasText())
async def on_delete_password(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    ctx: Ctx,
    tz: tzinfo,
    password_queue: PasswordQueue,
) -> None:
    now = clock.now()
    wrong_kb = _delete_password_kb(user)
    if not await current_password_ok(message, uow, password_queue, user, now, state, tz, wrong_kb):
        return
    await state.clear()
    await _delete(message, ctx)


@routes.message(StateFilter(DeleteAccount.code), HasText())
async def on_delete_code(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    ctx: Ctx,
    code_limits: CodeLimits,
) -> None:
    typed = await read_secret(message)
    purpose = auth.Purpose.DELETE_ACCOUNT
    telegram_id = profile_of(message).telegram_id
    result = await auth.check_email_code(
        uow, code_limits, telegram_id, user.id, purpose, typed, clock.now()
    )
    if result.check is None or not result.check.ok:
        await message.answer(auth_texts.code_refused_text(result.check), reply_markup=form_kb())
        return
    await state.clear()
    await _delete(message, ctx)


@routes.message(StateFilter(DeleteAccount.confirm), HasText())
async def on_delete_confirmed(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    ctx: Ctx,
) -> None:
    """An account with neither a password nor a confirmed e-mail: the Telegram user signed in
    is the only proof there is, and a typed word guards against a slip."""
    await state.clear()
    if (message.text or "").strip().casefold() != texts.delete_word().casefold():
        markup = InlineKeyboardMarkup(inline_keyboard=[[home_button()]])
        await message.answer(texts.not_deleted_text(), reply_markup=markup)
        return
    await _delete(message, ctx)


@routes.message(StateFilter(DeleteAccount.password, DeleteAccount.code, DeleteAccount.confirm))
async def on_not_text(message: Message) -> None:
    await message.answer(auth_texts.send_text_text(), reply_markup=form_kb())
