"""Forgot password: a code to the account's confirmed e-mail, then a new password.

The buyer is told the same whether or not an account has the address (or has it without
having confirmed it), and a wrong code is answered the same way too, so the form cannot be
used to find out who is registered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.handlers.accounts.flow import arrive, mail_code, read_secret, telegram_id_of
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import code_kb, form_kb
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.notify.mail import Mailer
from bot.services.accounts import reset as service
from bot.services.accounts.auth import mask_email, normalize_email
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import MAX_ATTEMPTS
from bot.services.accounts.errors import CodeNotAccepted, CodeRefused, NoCodeWaiting, WeakPassword
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.reset import DecoyCode
from bot.views.accounts import auth as texts
from bot.views.errors import error_text
from bot.views.screen import show

routes = Routes("reset", callbacks=(AuthCb,))


class Reset(StatesGroup):
    email = State()
    code = Step(secret=True)
    password = Step(secret=True)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.FORGOT))
async def reset_form(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(Reset.email)
    await show(query, texts.ask_reset_email_text(), form_kb())


async def _send_code(  # noqa: PLR0913 - what mailing a code takes
    event: Message | CallbackQuery,
    ctx: Ctx,
    email: str,
    mailer: Mailer,
    mail_from: str,
    limits: CodeLimits,
) -> None:
    """A code to `email` if an account has it confirmed; the form answers alike either way."""
    requested = await service.request_reset(
        ctx.uow, limits, telegram_id_of(event), email, ctx.now()
    )
    if requested.sent is not None and not await mail_code(mailer, mail_from, requested.sent):
        await show(event, texts.mail_failed_text(), code_kb())
        return
    await ctx.state.update_data(email=email, **_decoy_data(requested.decoy))
    await ctx.state.set_state(Reset.code)
    await show(event, texts.reset_code_sent_text(mask_email(email)), code_kb())


def _decoy_data(decoy: DecoyCode) -> dict[str, Any]:
    return {
        "decoy_expires_at": decoy.expires_at.isoformat(),
        "decoy_attempts_left": decoy.attempts_left,
    }


def _decoy_of(data: dict[str, Any], now: datetime) -> DecoyCode:
    """The decoy the form keeps (one it never got has expired)."""
    expires_at = datetime.fromisoformat(data.get("decoy_expires_at") or now.isoformat())
    return DecoyCode(expires_at, int(data.get("decoy_attempts_left", MAX_ATTEMPTS)))


@routes.message(StateFilter(Reset.email), HasText())
async def on_email(
    message: Message, ctx: Ctx, mailer: Mailer, mail_from: str, code_limits: CodeLimits
) -> None:
    email = normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    await _send_code(message, ctx, email, mailer, mail_from, code_limits)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.RESEND), StateFilter(Reset.code))
async def on_resend(
    query: CallbackQuery, ctx: Ctx, mailer: Mailer, mail_from: str, code_limits: CodeLimits
) -> None:
    email = (await ctx.state.get_data()).get("email", "")
    await _send_code(query, ctx, email, mailer, mail_from, code_limits)


@routes.message(StateFilter(Reset.code), HasText())
async def on_code(message: Message, ctx: Ctx, code_limits: CodeLimits) -> None:
    typed = await read_secret(message)
    data = await ctx.state.get_data()
    email, decoy = data.get("email", ""), _decoy_of(data, ctx.now())
    telegram_id = telegram_id_of(message)
    try:
        await service.check_reset_code(
            ctx.uow, code_limits, telegram_id, email, typed, decoy, ctx.now()
        )
    except CodeRefused as refused:
        if isinstance(refused, CodeNotAccepted):  # the decoy counts down as the answers do
            await ctx.state.update_data(decoy_attempts_left=refused.attempts_left)
        await message.answer(error_text(refused, ctx.tz), reply_markup=code_kb())
        return
    await ctx.state.set_state(Reset.password)
    await message.answer(texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(Reset.password), HasText())
async def on_password(
    message: Message, ctx: Ctx, password_queue: PasswordQueue, **data: Any
) -> None:
    password = await read_secret(message)
    email = (await ctx.state.get_data()).get("email", "")
    telegram_id = telegram_id_of(message)
    try:
        account = await service.set_new_password(
            ctx.uow, password_queue, email, telegram_id, password, ctx.now()
        )
    except WeakPassword as weak:
        await message.answer(error_text(weak, ctx.tz), reply_markup=form_kb())
        return
    except NoCodeWaiting as stale:  # the checked code went stale meanwhile
        await ctx.state.set_state(None)
        await message.answer(error_text(stale, ctx.tz), reply_markup=code_kb())
        return
    await message.answer(texts.reset_done_text())
    await arrive(message, ctx, account, {**data, "password_queue": password_queue})


@routes.message(StateFilter(Reset.email, Reset.code, Reset.password))
async def on_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())
