"""Signing in: Continue with Telegram, e-mail and password; and signing out."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.accounts.flow import (
    arrive,
    profile_of,
    read_secret,
    refuse_password,
    telegram_id_of,
)
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.start import show_home
from bot.keyboards.auth import (
    auth_menu_kb,
    form_kb,
    password_retry_kb,
    sign_out_everywhere_kb,
    sign_out_kb,
)
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.services.accounts import auth, sessions
from bot.services.accounts.errors import PasswordRefused
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import Arrival, is_account
from bot.views.accounts import auth as texts
from bot.views.screen import show

routes = Routes("auth", callbacks=(AuthCb,))


class SignIn(StatesGroup):
    email = State()
    password = Step(secret=True)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.MENU))
async def sign_in_screen(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    if is_account(ctx.user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await show(query, texts.sign_in_prompt_text(), auth_menu_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.TELEGRAM))
async def on_continue_with_telegram(
    query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer, **data: Any
) -> None:
    account, arrival = await sessions.continue_with_telegram(ctx.uow, profile_of(query), ctx.now())
    if arrival is Arrival.ALREADY:
        callback_answer.text = texts.already_signed_in_text()
        return
    if arrival is Arrival.RETURNED:
        await show(query, texts.signed_in_text(account.first_name))
    else:
        await show(query, texts.account_ready_text())
    assert isinstance(query.message, Message)
    # This press's answer stays out: a replayed press gets an answer of its own.
    await arrive(query.message, ctx, account, data, new_account=True)


# -- e-mail and password --------------------------------------------------------------------


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_IN))
async def sign_in_form(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    if is_account(ctx.user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await ctx.state.set_state(SignIn.email)
    await show(query, texts.ask_email_text(), form_kb())


@routes.message(StateFilter(SignIn.email), HasText())
async def on_sign_in_email(message: Message, ctx: Ctx) -> None:
    email = auth.normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    await ctx.state.update_data(email=email)
    await ctx.state.set_state(SignIn.password)
    await message.answer(texts.ask_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(SignIn.password), HasText())
async def on_sign_in_password(
    message: Message, ctx: Ctx, password_queue: PasswordQueue, **data: Any
) -> None:
    password = await read_secret(message)
    email = (await ctx.state.get_data()).get("email", "")
    telegram_id = telegram_id_of(message)
    try:
        account = await auth.sign_in_with_password(
            ctx.uow, password_queue, telegram_id, email, password, ctx.now()
        )
    except PasswordRefused as refused:
        await refuse_password(message, ctx, refused, password_retry_kb())
        return
    await message.answer(texts.signed_in_text(account.first_name))
    await arrive(message, ctx, account, {**data, "password_queue": password_queue})


@routes.message(StateFilter(SignIn.email, SignIn.password))
async def on_sign_in_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())


# -- signing out ----------------------------------------------------------------------------


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT))
async def sign_out_screen(query: CallbackQuery, ctx: Ctx) -> None:
    """How the buyer comes back after signing out, and the ways out that keep the account
    reachable (or adding an e-mail first)."""
    if not is_account(ctx.user):
        await show(query, texts.not_signed_in_text(), auth_menu_kb())
        return
    options = await sessions.sign_out_options(ctx.uow, ctx.user, telegram_id_of(query))
    await show(query, texts.sign_out_text(options), sign_out_kb(options))


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_HERE))
async def on_sign_out_here(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    if not is_account(ctx.user):
        callback_answer.text = texts.not_signed_in_text()
        return
    guest = await sessions.sign_out(ctx.uow, profile_of(query), ctx.now())
    await ctx.state.clear()
    callback_answer.text = texts.signed_out_text()
    await show_home(query, ctx.signed_in_as(guest))


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_ALL))
async def sign_out_everywhere_screen(
    query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    """Are you sure? With how many Telegram accounts will be signed out."""
    if not is_account(ctx.user):
        callback_answer.text = texts.not_signed_in_text()
        return
    options = await sessions.check_sign_out_everywhere(ctx.uow, ctx.user)
    text = texts.sign_out_everywhere_confirm_text(options.chats)
    await show(query, text, sign_out_everywhere_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_OUT_ALL_YES))
async def on_sign_out_everywhere(
    query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer, bot: Bot
) -> None:
    if not is_account(ctx.user):
        callback_answer.text = texts.not_signed_in_text()
        return
    guest, chats = await sessions.sign_out_everywhere(
        ctx.uow, ctx.user, profile_of(query), ctx.now()
    )
    for chat in chats:  # a form half-filled on another device goes too
        key = StorageKey(bot_id=bot.id, chat_id=chat, user_id=chat)
        await FSMContext(ctx.state.storage, key).clear()
    callback_answer.text = texts.signed_out_everywhere_text(len(chats))
    await show_home(query, ctx.signed_in_as(guest))
