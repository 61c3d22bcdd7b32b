"""Signing up with an e-mail (confirmed by a 6-digit code) and a password."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.accounts.flow import arrive, mail_sign_up, read_secret, telegram_id_of
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import code_kb, email_taken_kb, form_kb
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.notify.mail import Mailer
from bot.services.accounts import signup as service
from bot.services.accounts.auth import mask_email, normalize_email
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import CodeRefused, EmailTaken, NoCodeWaiting, WeakPassword
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import is_account
from bot.views.accounts import auth as texts
from bot.views.errors import error_text
from bot.views.screen import show

routes = Routes("signup", callbacks=(AuthCb,))


class SignUp(StatesGroup):
    email = State()
    password = Step(secret=True)
    code = Step(secret=True)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_UP))
async def sign_up_form(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    if is_account(ctx.user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await ctx.state.set_state(SignUp.email)
    await show(query, texts.ask_email_text(), form_kb())


@routes.message(StateFilter(SignUp.email), HasText())
async def on_email(message: Message, ctx: Ctx) -> None:
    email = normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    # Whether the address has an account is said only in the mail to it (as reset does).
    await ctx.state.update_data(email=email)
    await ctx.state.set_state(SignUp.password)
    await message.answer(texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(SignUp.password), HasText())
async def on_password(  # noqa: PLR0913 - aiogram injects what the handler names
    message: Message,
    ctx: Ctx,
    mailer: Mailer,
    mail_from: str,
    password_queue: PasswordQueue,
    code_limits: CodeLimits,
) -> None:
    password = await read_secret(message)
    email = (await ctx.state.get_data()).get("email", "")
    try:
        mail = await service.start_sign_up(
            ctx.uow,
            code_limits,
            password_queue,
            telegram_id_of(message),
            ctx.user,
            email,
            password,
            ctx.now(),
        )
    except WeakPassword as weak:
        await message.answer(error_text(weak, ctx.tz), reply_markup=form_kb())
        return
    if await mail_sign_up(mailer, mail_from, mail):
        sent = texts.sign_up_code_sent_text(mask_email(email), mail.sent.expires_at, ctx.tz)
    else:
        sent = texts.mail_failed_text()
    await message.answer(sent, reply_markup=code_kb())
    await ctx.state.set_state(SignUp.code)


@routes.message(StateFilter(SignUp.code), HasText())
async def on_code(message: Message, ctx: Ctx, code_limits: CodeLimits, **data: Any) -> None:
    typed = await read_secret(message)
    telegram_id = telegram_id_of(message)
    try:
        await service.confirm_sign_up(ctx.uow, code_limits, telegram_id, ctx.user, typed, ctx.now())
    except CodeRefused as refused:
        await message.answer(error_text(refused, ctx.tz), reply_markup=code_kb())
        return
    except EmailTaken as taken:
        await ctx.state.set_state(None)
        await message.answer(error_text(taken, ctx.tz), reply_markup=email_taken_kb())
        return
    await message.answer(texts.account_created_text())
    await arrive(message, ctx, ctx.user, {**data, "code_limits": code_limits}, new_account=True)


@routes.message(StateFilter(SignUp.email, SignUp.password, SignUp.code))
async def on_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.RESEND), StateFilter(SignUp.code))
async def on_resend(  # noqa: PLR0913 - aiogram injects what the handler names
    query: CallbackQuery,
    ctx: Ctx,
    callback_answer: CallbackAnswer,
    mailer: Mailer,
    mail_from: str,
    code_limits: CodeLimits,
) -> None:
    """A new code for the same address and password (the old code stops working)."""
    telegram_id = telegram_id_of(query)
    try:
        mail = await service.resend_sign_up_code(
            ctx.uow, code_limits, telegram_id, ctx.user, ctx.now()
        )
    except NoCodeWaiting as refused:
        callback_answer.text = error_text(refused, ctx.tz)
        return
    if not await mail_sign_up(mailer, mail_from, mail):
        callback_answer.text, callback_answer.show_alert = texts.mail_failed_text(), True
        return
    masked = mask_email(mail.sent.email)
    await show(query, texts.sign_up_code_sent_text(masked, mail.sent.expires_at, ctx.tz), code_kb())
