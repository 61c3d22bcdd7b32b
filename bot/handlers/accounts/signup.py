"""Signing up with an e-mail (confirmed by a 6-digit code) and a password."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.accounts.auth import profile_of
from bot.handlers.accounts.flow import arrive, mail_sign_up, read_secret
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import code_kb, email_taken_kb, form_kb
from bot.keyboards.callbacks import AuthAction, AuthCb
from bot.middlewares.commands import Step
from bot.notify.mail import Mailer
from bot.services.accounts import auth, passwords
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import WeakPassword
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.services.accounts.sessions import is_account
from bot.views.accounts import auth as texts
from bot.views.screen import show

routes = Routes("signup", callbacks=(AuthCb,))


class SignUp(StatesGroup):
    email = State()
    password = Step(secret=True)
    code = Step(secret=True)


@routes.callback_query(AuthCb.filter(F.action == AuthAction.SIGN_UP))
async def on_sign_up(
    query: CallbackQuery, user: User, state: FSMContext, callback_answer: CallbackAnswer
) -> None:
    if is_account(user):
        callback_answer.text = texts.already_signed_in_text()
        return
    await state.set_state(SignUp.email)
    await show(query, texts.ask_email_text(), form_kb())


@routes.message(StateFilter(SignUp.email), HasText())
async def on_email(message: Message, uow: UnitOfWork, state: FSMContext) -> None:
    email = auth.normalize_email(message.text or "")
    if email is None:
        await message.answer(texts.bad_email_text(), reply_markup=form_kb())
        return
    # Whether the address has an account is said only in the mail to it (as reset does).
    await state.update_data(email=email)
    await state.set_state(SignUp.password)
    await message.answer(texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(SignUp.password), HasText())
async def on_password(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    mailer: Mailer,
    tz: tzinfo,
    password_queue: PasswordQueue,
    code_limits: CodeLimits,
) -> None:
    password = await read_secret(message)
    email = (await state.get_data()).get("email", "")
    try:
        await passwords.check_strength_async(password, [email, user.first_name])
    except WeakPassword as weak:
        await message.answer(texts.weak_password_text(weak), reply_markup=form_kb())
        return
    telegram_id = profile_of(message).telegram_id
    password_hash = await hash_new_password(uow, password_queue, telegram_id, password)
    now = clock.now()
    sent = await auth.start_sign_up(uow, code_limits, telegram_id, user, email, password_hash, now)
    taken = await auth.email_taken(uow, email)
    if not await mail_sign_up(mailer, settings, sent, taken):
        await message.answer(texts.mail_failed_text(), reply_markup=code_kb())
    else:
        masked = auth.mask_email(email)
        await message.answer(
            texts.sign_up_code_sent_text(masked, sent.expires_at, tz), reply_markup=code_kb()
        )
    await state.set_state(SignUp.code)


@routes.message(StateFilter(SignUp.code), HasText())
async def on_code(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    code_limits: CodeLimits,
    **data: Any,
) -> None:
    typed = await read_secret(message)
    telegram_id = profile_of(message).telegram_id
    purpose = auth.Purpose.SIGN_UP
    result = await auth.check_email_code(
        uow, code_limits, telegram_id, user.id, purpose, typed, clock.now()
    )
    if result.check is None or not result.check.ok or result.code is None:
        await message.answer(texts.code_refused_text(result.check), reply_markup=code_kb())
        return
    outcome = await auth.finish_sign_up(uow, user, telegram_id, result.code, clock.now())
    if outcome is auth.SignUpOutcome.TAKEN:
        await state.set_state(None)
        await message.answer(texts.email_taken_text(), reply_markup=email_taken_kb())
        return
    await message.answer(texts.account_created_text())
    context = dict(
        data, uow=uow, clock=clock, settings=settings, state=state, code_limits=code_limits
    )
    await arrive(message, user, context, new_account=True)


@routes.message(StateFilter(SignUp.email, SignUp.password, SignUp.code))
async def on_not_text(message: Message) -> None:
    await message.answer(texts.send_text_text(), reply_markup=form_kb())


@routes.callback_query(AuthCb.filter(F.action == AuthAction.RESEND), StateFilter(SignUp.code))
async def on_resend(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    mailer: Mailer,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
    code_limits: CodeLimits,
) -> None:
    """A new code for the same address and password (the old code stops working)."""
    sent = await auth.resend_sign_up_code(uow, code_limits, query.from_user.id, user, clock.now())
    if sent is None:
        callback_answer.text = texts.code_refused_text(None)
        return
    taken = await auth.email_taken(uow, sent.email)
    if not await mail_sign_up(mailer, settings, sent, taken):
        callback_answer.text, callback_answer.show_alert = texts.mail_failed_text(), True
        return
    masked = auth.mask_email(sent.email)
    await show(query, texts.sign_up_code_sent_text(masked, sent.expires_at, tz), code_kb())
