"""Changing the password or the e-mail (from the profile); confirming an e-mail nobody confirmed."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.handlers.accounts.flow import mail_code, read_secret, refuse_password, telegram_id_of
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.auth import (
    add_email_first_kb,
    code_kb,
    confirm_email_kb,
    email_taken_kb,
    form_kb,
    password_code_instead_kb,
)
from bot.keyboards.callbacks import ProfileAction, ProfileCb
from bot.keyboards.nav import back_home_kb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.notify.mail import Mailer
from bot.services.accounts import credentials as service
from bot.services.accounts.auth import mask_email, normalize_email
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.credentials import PasswordProof
from bot.services.accounts.errors import (
    CodeRefused,
    EmailRequired,
    EmailTaken,
    PasswordRefused,
    SameEmail,
    WeakPassword,
)
from bot.services.accounts.hashing import PasswordQueue
from bot.views.accounts import auth as auth_texts
from bot.views.accounts import credentials as texts
from bot.views.errors import error_text
from bot.views.screen import show

routes = Routes("credentials", callbacks=(ProfileCb,), account_only=True)


class ChangePassword(StatesGroup):
    current = Step(secret=True)
    code = Step(secret=True)
    new = Step(secret=True)


class ChangeEmail(StatesGroup):
    email = State()
    code = Step(secret=True)


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.PASSWORD))
async def password_screen(query: CallbackQuery, ctx: Ctx) -> None:
    """The current password, or a code to the e-mail when there is no password yet; without
    an e-mail, adding one first."""
    try:
        proof = service.password_change_proof(ctx.user)
    except EmailRequired as refused:
        await show(query, error_text(refused, ctx.tz), add_email_first_kb())
        return
    if proof is PasswordProof.EMAIL_CODE:
        await show(query, texts.no_password_yet_text(), password_code_instead_kb())
        return
    await ctx.state.set_state(ChangePassword.current)
    await show(query, texts.ask_current_password_text(), password_code_instead_kb())


@routes.message(StateFilter(ChangePassword.current), HasText())
async def on_current(message: Message, ctx: Ctx, password_queue: PasswordQueue) -> None:
    password = await read_secret(message)
    try:
        await service.verify_current_password(
            ctx.uow, password_queue, ctx.user, telegram_id_of(message), password, ctx.now()
        )
    except PasswordRefused as refused:
        await refuse_password(message, ctx, refused, password_code_instead_kb())
        return
    await ctx.state.set_state(ChangePassword.new)
    await message.answer(auth_texts.ask_new_password_text(), reply_markup=form_kb())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.PASSWORD_CODE))
async def on_code_instead(
    query: CallbackQuery, ctx: Ctx, mailer: Mailer, mail_from: str, code_limits: CodeLimits
) -> None:
    try:
        sent = await service.send_password_code(
            ctx.uow, code_limits, telegram_id_of(query), ctx.user, ctx.now()
        )
    except EmailRequired as refused:
        await show(query, error_text(refused, ctx.tz), form_kb())
        return
    if not await mail_code(mailer, mail_from, sent):
        await show(query, auth_texts.mail_failed_text(), form_kb())
        return
    await ctx.state.set_state(ChangePassword.code)
    await show(query, texts.ask_email_code_text(mask_email(sent.email)), code_kb())


@routes.message(StateFilter(ChangePassword.code), HasText())
async def on_password_code(message: Message, ctx: Ctx, code_limits: CodeLimits) -> None:
    typed = await read_secret(message)
    try:
        await service.check_password_code(
            ctx.uow, code_limits, telegram_id_of(message), ctx.user, typed, ctx.now()
        )
    except CodeRefused as refused:
        await message.answer(error_text(refused, ctx.tz), reply_markup=form_kb())
        return
    await ctx.state.set_state(ChangePassword.new)
    await message.answer(auth_texts.ask_new_password_text(), reply_markup=form_kb())


@routes.message(StateFilter(ChangePassword.new), HasText())
async def on_new_password(message: Message, ctx: Ctx, password_queue: PasswordQueue) -> None:
    password = await read_secret(message)
    try:
        await service.change_password(
            ctx.uow, password_queue, ctx.user, telegram_id_of(message), password, ctx.now()
        )
    except WeakPassword as weak:
        await message.answer(error_text(weak, ctx.tz), reply_markup=form_kb())
        return
    await ctx.state.clear()
    await message.answer(auth_texts.password_set_text(), reply_markup=back_home_kb())


# -- e-mail ---------------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.EMAIL))
async def email_screen(query: CallbackQuery, ctx: Ctx) -> None:
    """A new address; or, for one nobody confirmed yet, confirming it first."""
    await ctx.state.set_state(ChangeEmail.email)
    email = ctx.user.email
    if email is not None and service.needs_confirming(ctx.user):
        await show(query, texts.email_not_confirmed_text(email), confirm_email_kb())
        return
    await show(query, texts.ask_new_email_text(), form_kb())


async def _send_email_code(  # noqa: PLR0913 - what mailing a code takes
    event: Message | CallbackQuery,
    ctx: Ctx,
    email: str,
    mailer: Mailer,
    mail_from: str,
    limits: CodeLimits,
) -> None:
    """A code to `email`: a new address, or the current one to confirm it."""
    telegram_id = telegram_id_of(event)
    try:
        sent = await service.start_email_change(
            ctx.uow, limits, telegram_id, ctx.user, email, ctx.now()
        )
    except SameEmail as same:
        await show(event, error_text(same, ctx.tz), form_kb())
        return
    except EmailTaken as taken:
        await ctx.state.set_state(None)
        await show(event, error_text(taken, ctx.tz), email_taken_kb())
        return
    if not await mail_code(mailer, mail_from, sent):
        await show(event, auth_texts.mail_failed_text(), form_kb())
        return
    await ctx.state.set_state(ChangeEmail.code)
    masked = mask_email(email)
    await show(event, auth_texts.code_sent_text(masked, sent.expires_at, ctx.tz), form_kb())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.EMAIL_CONFIRM))
async def on_confirm_email(
    query: CallbackQuery, ctx: Ctx, mailer: Mailer, mail_from: str, code_limits: CodeLimits
) -> None:
    email = ctx.user.email
    if email is None or not service.needs_confirming(ctx.user):  # confirmed meanwhile
        await ctx.state.set_state(ChangeEmail.email)
        await show(query, texts.ask_new_email_text(), form_kb())
        return
    await _send_email_code(query, ctx, email, mailer, mail_from, code_limits)


@routes.message(StateFilter(ChangeEmail.email), HasText())
async def on_new_email(
    message: Message, ctx: Ctx, mailer: Mailer, mail_from: str, code_limits: CodeLimits
) -> None:
    email = normalize_email(message.text or "")
    if email is None:
        await message.answer(auth_texts.bad_email_text(), reply_markup=form_kb())
        return
    await _send_email_code(message, ctx, email, mailer, mail_from, code_limits)


@routes.message(StateFilter(ChangeEmail.code), HasText())
async def on_email_code(message: Message, ctx: Ctx, code_limits: CodeLimits) -> None:
    typed = await read_secret(message)
    try:
        change = await service.confirm_email_change(
            ctx.uow, code_limits, telegram_id_of(message), ctx.user, typed, ctx.now()
        )
    except CodeRefused as refused:
        await message.answer(error_text(refused, ctx.tz), reply_markup=form_kb())
        return
    except EmailTaken as taken:
        await ctx.state.clear()
        await message.answer(error_text(taken, ctx.tz), reply_markup=email_taken_kb())
        return
    await ctx.state.clear()
    done = texts.email_confirmed_text if change.confirmed_only else texts.email_changed_text
    await message.answer(done(change.email), reply_markup=back_home_kb())


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
