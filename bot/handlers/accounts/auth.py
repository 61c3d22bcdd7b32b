"""Signing in: Continue with Telegram, e-mail and password; and signing out."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.accounts.flow import arrive, read_secret
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.start import show_home
from bot.keyboards.auth import (
    auth_menu_kb,
    form_kb,
    locked_kb,
    password_retry_kb,
    sign_out_everywhere_kb,
    sign_out_kb,
)
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.keyboards.profile import add_email_button
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.services.accounts import auth
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import (
    Arrival,
    TelegramProfile,
    check_sign_out_everywhere,
    continue_with_telegram,
    is_account,
    sign_out,
    sign_out_everywhere,
    sign_out_options,
)
from bot.views.accounts import auth as texts
from bot.views.screen import show

routes = Routes("auth", callbacks=(AuthCb,))


class SignIn(StatesGroup):
    email = State()
    password = Step(secret=True)


def profile_of(event: Message | CallbackQuery) -> TelegramProfile:
    sender = event.from_user
    assert sender is not None  # private chats only (IdentityMiddleware)
    return TelegramProfile(sender.id, sender.first_name, sender.username, sender.language_code)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.MENU))
async def on_menu(query: CallbackQuery, user: User, callback_answer: CallbackAnswer) -> None:
    if is_account(user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await show(query, texts.sign_in_prompt_text(), auth_menu_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.TELEGRAM))
async def on_continue_with_telegram(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,  # named, so the guest (gone once signed in) stays out of `data`
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    callback_answer: CallbackAnswer,
    **data: Any,
) -> None:
    account, arrival = await continue_with_telegram(uow, profile_of(query), clock.now())
    if arrival is Arrival.ALREADY:
        callback_answer.text = texts.already_signed_in_text()
        return
    if arrival is Arrival.RETURNED:
        await show(query, texts.signed_in_text(account.first_name))
    else:
        await show(query, texts.account_ready_text())
    assert isinstance(query.message, Message)
    context = dict(data, uow=uow, clock=clock, settings=settings, state=state)
    await arrive(query.message, account, context, new_account=True)


# -- e-mail and password --------------------------------------------------------------------


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_IN))
async def on_sign_in(
    query: CallbackQuery, user: User, state: FSMContext, callback_answer: CallbackAnswer
) -> None:
    if is_account(user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await state.set_state(SignIn.email)
    await show(query, texts.ask_email_text(), form_kb())


@routes.message(StateFilter(SignIn.email), HasText())
async def on_sign_in_email(message: Message, state: FSMContext) -> None:
    email = auth.normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    await state.update_data(email=email)
    await state.set_state(SignIn.password)
    await message.answer(texts.ask_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(SignIn.password), HasText())
async def on_sign_in_password(
    message: Message,
    uow: UnitOfWork,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    tz: tzinfo,
    password_queue: PasswordQueue,
    **data: Any,
) -> None:
    password = await read_secret(message)
    email = (await state.get_data()).get("email", "")
    telegram_id = profile_of(message).telegram_id
    result = await auth.sign_in_with_password(
        uow, password_queue, telegram_id, email, password, clock.now()
    )
    if result.outcome is auth.SignInOutcome.LOCKED:
        await state.set_state(None)
        assert result.locked_until is not None
        await message.answer(texts.locked_text(result.locked_until, tz), reply_markup=locked_kb())
        return
    if result.outcome is auth.SignInOutcome.WRONG:
        await message.answer(
            texts.wrong_credentials_text(result.attempts_left), reply_markup=password_retry_kb()
        )
        return
    assert result.account is not None
    await message.answer(texts.signed_in_text(result.account.first_name))
    context = dict(
        data,
        uow=uow,
        clock=clock,
        settings=settings,
        state=state,
        tz=tz,
        password_queue=password_queue,
    )
    await arrive(message, result.account, context)


@routes.message(StateFilter(SignIn.email, SignIn.password))
async def on_sign_in_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())


# -- signing out ----------------------------------------------------------------------------


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT))
async def on_sign_out(query: CallbackQuery, uow: UnitOfWork, user: User) -> None:
    if not is_account(user):
        await show(query, texts.not_signed_in_text(), auth_menu_kb())
        return
    options = await sign_out_options(uow, user, profile_of(query).telegram_id)
    await show(query, texts.sign_out_text(options), sign_out_kb(options, add_email_button()))


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_HERE))
async def on_sign_out_here(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    ctx: Ctx,
    callback_answer: CallbackAnswer,
) -> None:
    if not is_account(user):
        callback_answer.text = texts.not_signed_in_text()
        return
    guest = await sign_out(uow, profile_of(query), clock.now())
    await state.clear()
    callback_answer.text = texts.signed_out_text()
    await show_home(query, ctx.signed_in_as(guest))


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_ALL))
async def on_sign_out_everywhere_ask(
    query: CallbackQuery, uow: UnitOfWork, user: User, callback_answer: CallbackAnswer
) -> None:
    if not is_account(user):
        callback_answer.text = texts.not_signed_in_text()
        return
    options = await check_sign_out_everywhere(uow, user)
    text = texts.sign_out_everywhere_confirm_text(options.chats)
    await show(query, text, sign_out_everywhere_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_ALL_YES))
async def on_sign_out_everywhere(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    ctx: Ctx,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    if not is_account(user):
        callback_answer.text = texts.not_signed_in_text()
        return
    guest, chats = await sign_out_everywhere(uow, user, profile_of(query), clock.now())
    for chat in chats:  # a form half-filled on another device goes too
        key = StorageKey(bot_id=bot.id, chat_id=chat, user_id=chat)
        await FSMContext(state.storage, key).clear()
    callback_answer.text = texts.signed_out_everywhere_text(len(chats))
    await show_home(query, ctx.signed_in_as(guest))
