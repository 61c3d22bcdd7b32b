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
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.config import Settings
from bot.db.uow import UnitOfWork
from bot.handlers.accounts.auth import profile_of
from bot.handlers.accounts.flow import arrive, mail_code, read_secret
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import code_kb, form_kb
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.middlewares.commands import Step
from bot.notify.mail import Mailer
from bot.services.accounts import auth, codes, passwords, reset
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import WeakPassword
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.views.accounts import auth as texts
from bot.views.screen import show

routes = Routes("reset", callbacks=(AuthCb,))


class Reset(StatesGroup):
    email = State()
    code = Step(secret=True)
    password = Step(secret=True)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.FORGOT))
async def on_forgot(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(Reset.email)
    await show(query, texts.ask_reset_email_text(), form_kb())


async def _send(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    email: str,
    clock: Clock,
    settings: Settings,
    mailer: Mailer,
    state: FSMContext,
    limits: CodeLimits,
) -> None:
    telegram_id = profile_of(event).telegram_id
    sent = await reset.request_reset(uow, limits, telegram_id, email, clock.now())
    if sent is not None and not await mail_code(mailer, settings, sent):
        await show(event, texts.mail_failed_text(), code_kb())
        return
    # Without an account there is no code; the form still answers as if there were one.
    decoy_expiry = (clock.now() + codes.CODE_TTL).isoformat()
    await state.update_data(email=email, misses=0, decoy_expires_at=decoy_expiry)
    await state.set_state(Reset.code)
    await show(event, texts.reset_code_sent_text(auth.mask_email(email)), code_kb())


@routes.message(StateFilter(Reset.email), HasText())
async def on_email(
    message: Message,
    uow: UnitOfWork,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    code_limits: CodeLimits,
) -> None:
    email = auth.normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    await _send(message, uow, email, clock, settings, mailer, state, code_limits)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.RESEND), StateFilter(Reset.code))
async def on_resend(
    query: CallbackQuery,
    uow: UnitOfWork,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    code_limits: CodeLimits,
) -> None:
    email = (await state.get_data()).get("email", "")
    await _send(query, uow, email, clock, settings, mailer, state, code_limits)


async def _decoy_check(  # noqa: PLR0913 - what a code check needs, without a code
    uow: UnitOfWork,
    limits: CodeLimits,
    telegram_id: int,
    typed: str,
    data: dict[str, Any],
    now: datetime,
    state: FSMContext,
) -> codes.CodeCheck:
    """No account (or an unconfirmed address), so no code: answer exactly as a code that is
    never right would, tries and budgets included, so the form does not tell who has one."""
    misses = int(data.get("misses", 0))
    expires_at = datetime.fromisoformat(data.get("decoy_expires_at") or now.isoformat())
    refused = codes.refusal_before_guess(expires_at, misses, codes.MAX_ATTEMPTS, now, typed)
    if refused is not None:
        return refused
    await limits.spend_guess(uow, telegram_id, data.get("email", ""), None, now)
    await state.update_data(misses=misses + 1)
    return codes.CodeCheck(codes.CodeOutcome.WRONG, codes.MAX_ATTEMPTS - misses - 1, expires_at)


@routes.message(StateFilter(Reset.code), HasText())
async def on_code(
    message: Message, uow: UnitOfWork, clock: Clock, state: FSMContext, code_limits: CodeLimits
) -> None:
    typed = await read_secret(message)
    data = await state.get_data()
    email = data.get("email", "")
    account = await reset.resettable_account(uow, email)
    telegram_id = profile_of(message).telegram_id
    if account is None:
        check: codes.CodeCheck | None = await _decoy_check(
            uow, code_limits, telegram_id, typed, data, clock.now(), state
        )
    else:
        result = await auth.check_email_code(
            uow, code_limits, telegram_id, account.id, auth.Purpose.RESET, typed, clock.now()
        )
        check = result.check
    if check is None or not check.ok:
        await message.answer(texts.code_refused_text(check), reply_markup=code_kb())
        return
    await state.set_state(Reset.password)
    await message.answer(texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(Reset.password), HasText())
async def on_password(
    message: Message,
    uow: UnitOfWork,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    password_queue: PasswordQueue,
    **data: Any,
) -> None:
    password = await read_secret(message)
    email = (await state.get_data()).get("email", "")
    account = await reset.resettable_account(uow, email)
    names = [email, account.first_name if account else None]
    try:
        await passwords.check_strength_async(password, names)
    except WeakPassword as weak:
        await message.answer(texts.weak_password_text(weak), reply_markup=form_kb())
        return
    telegram_id = profile_of(message).telegram_id
    password_hash = await hash_new_password(uow, password_queue, telegram_id, password)
    signed_in = await reset.finish_reset(uow, email, telegram_id, password_hash, clock.now())
    if signed_in is None:  # the checked code went stale meanwhile
        await state.set_state(None)
        await message.answer(texts.code_refused_text(None), reply_markup=code_kb())
        return
    await message.answer(texts.reset_done_text())
    context = dict(
        data, uow=uow, clock=clock, settings=settings, state=state, password_queue=password_queue
    )
    await arrive(message, signed_in, context)


@routes.message(StateFilter(Reset.email, Reset.code, Reset.password))
async def on_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())
