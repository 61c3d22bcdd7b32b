"""Deleting the account (from the profile), confirmed with the strongest proof it has."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.db.models import User
from bot.handlers.accounts.flow import (
    mail_code,
    profile_of,
    read_secret,
    refuse_password,
    telegram_id_of,
)
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.start import show_home
from bot.keyboards.auth import delete_password_kb, form_kb
from bot.keyboards.callbacks import ProfileAction, ProfileCb
from bot.keyboards.nav import back_home_kb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.notify.mail import Mailer
from bot.services.accounts import deletion as service
from bot.services.accounts.auth import mask_email
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.deletion import DeletionProof
from bot.services.accounts.errors import CodeRefused, DeletionWordMismatch, PasswordRefused
from bot.services.accounts.hashing import PasswordQueue
from bot.services.errors import OrderInDispute
from bot.views.accounts import auth as auth_texts
from bot.views.accounts import credentials as texts
from bot.views.errors import error_text
from bot.views.screen import show

routes = Routes("deletion", callbacks=(ProfileCb,), account_only=True)


class DeleteAccount(StatesGroup):
    password = Step(secret=True)
    code = Step(secret=True)
    confirm = State()  # the typed word


@routes.callback_query(
    ProfileCb.filter(F.action.in_({ProfileAction.DELETE, ProfileAction.DELETE_CODE}))
)
async def delete_screen(  # noqa: PLR0913 - aiogram injects what the handler names
    query: CallbackQuery,
    callback_data: ProfileCb,
    ctx: Ctx,
    mailer: Mailer,
    mail_from: str,
    code_limits: CodeLimits,
) -> None:
    """The warning, asking for the strongest proof the account has (the service says which):
    the password, else a code to the confirmed e-mail, else a typed word; or the code, when
    the buyer asked for one instead of the password."""
    screen = await service.start_deletion(
        ctx.uow,
        code_limits,
        telegram_id_of(query),
        ctx.user,
        ctx.now(),
        code_instead=callback_data.action is ProfileAction.DELETE_CODE,
    )
    if screen.proof is DeletionProof.PASSWORD:
        await ctx.state.set_state(DeleteAccount.password)
        prompt = texts.delete_password_prompt()
        await show(query, texts.delete_warning_text(prompt), delete_password_kb(screen))
    elif screen.proof is DeletionProof.EMAIL_CODE:
        if screen.sent is None or not await mail_code(mailer, mail_from, screen.sent):
            await show(query, auth_texts.mail_failed_text(), form_kb())
            return
        await ctx.state.set_state(DeleteAccount.code)
        prompt = texts.delete_code_prompt(mask_email(screen.sent.email))
        await show(query, texts.delete_warning_text(prompt), form_kb())
    else:
        await ctx.state.set_state(DeleteAccount.confirm)
        prompt = texts.delete_word_prompt(texts.delete_word())
        await show(query, texts.delete_warning_text(prompt), form_kb())


async def _deleted(message: Message, ctx: Ctx, guest: User) -> None:
    await message.answer(texts.deleted_text())
    await show_home(message, ctx.signed_in_as(guest))


@routes.message(StateFilter(DeleteAccount.password), HasText())
async def on_delete_password(message: Message, ctx: Ctx, password_queue: PasswordQueue) -> None:
    password = await read_secret(message)
    try:
        guest = await service.delete_with_password(
            ctx.uow, password_queue, ctx.user, profile_of(message), password, ctx.now()
        )
    except PasswordRefused as refused:
        retry_kb = delete_password_kb(service.deletion_screen(ctx.user))
        await refuse_password(message, ctx, refused, retry_kb)
        return
    except OrderInDispute:  # the password was right: the form is done, the refusal says why
        await ctx.state.clear()
        raise
    await ctx.state.clear()
    await _deleted(message, ctx, guest)


@routes.message(StateFilter(DeleteAccount.code), HasText())
async def on_delete_code(message: Message, ctx: Ctx, code_limits: CodeLimits) -> None:
    typed = await read_secret(message)
    try:
        guest = await service.delete_with_code(
            ctx.uow, code_limits, ctx.user, profile_of(message), typed, ctx.now()
        )
    except CodeRefused as refused:
        await message.answer(error_text(refused, ctx.tz), reply_markup=form_kb())
        return
    except OrderInDispute:  # the code was right: the form is done, the refusal says why
        await ctx.state.clear()
        raise
    await ctx.state.clear()
    await _deleted(message, ctx, guest)


@routes.message(StateFilter(DeleteAccount.confirm), HasText())
async def on_delete_word(message: Message, ctx: Ctx) -> None:
    """A slip of the word closes the form: deleting takes pressing Delete again."""
    await ctx.state.clear()
    try:
        guest = await service.delete_with_word(
            ctx.uow,
            ctx.user,
            profile_of(message),
            message.text or "",
            texts.delete_word(),
            ctx.now(),
        )
    except DeletionWordMismatch as mismatch:
        await message.answer(error_text(mismatch, ctx.tz), reply_markup=back_home_kb())
        return
    await _deleted(message, ctx, guest)


@routes.message(StateFilter(DeleteAccount.password, DeleteAccount.code, DeleteAccount.confirm))
async def on_not_text(message: Message) -> None:
    await message.answer(auth_texts.send_text_text(), reply_markup=form_kb())
