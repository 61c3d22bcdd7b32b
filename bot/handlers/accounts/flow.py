"""What the sign-in, sign-up and password forms share: who is typing, reading a secret out of
the chat, answering a refused password, mailing a code, and arriving in the cabinet (or where
the buyer was going) afterwards."""

from __future__ import annotations

import logging
from typing import Any

from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.db.models import User
from bot.handlers.start import show_home
from bot.keyboards.addresses.screens import first_address_kb
from bot.keyboards.auth import locked_kb
from bot.middlewares.commands import delete_secret
from bot.middlewares.context import Ctx
from bot.middlewares.gate import replay_intent, take_intent
from bot.notify.mail import LogMailer, Mailer, MailError, compose
from bot.services.accounts.auth import SentCode
from bot.services.accounts.codes import CODE_TTL
from bot.services.accounts.errors import PasswordRefused, SignInLocked
from bot.services.accounts.sessions import TelegramProfile
from bot.services.accounts.signup import SignUpMail
from bot.services.addresses.book import has_addresses
from bot.views.accounts.auth import (
    mail_body_account_exists,
    mail_body_code,
    mail_subject_account_exists,
    mail_subject_code,
)
from bot.views.addresses.screens import first_address_text
from bot.views.errors import error_text
from bot.views.screen import show

logger = logging.getLogger(__name__)


def profile_of(event: Message | CallbackQuery) -> TelegramProfile:
    sender = event.from_user
    assert sender is not None  # private chats only (IdentityMiddleware)
    return TelegramProfile(sender.id, sender.first_name, sender.username, sender.language_code)


def telegram_id_of(event: Message | CallbackQuery) -> int:
    """The Telegram user typing: budgets, tickets and sessions are kept per Telegram user."""
    return profile_of(event).telegram_id


async def read_secret(message: Message) -> str:
    """The password or code the buyer sent, after deleting their message from the chat.

    The text is taken first and the message deleted before anything else happens, so it is
    gone from the screen even if checking it fails; it is never logged or stored in the FSM.
    """
    secret = message.text or ""
    await delete_secret(message)
    return secret


async def refuse_password(
    message: Message, ctx: Ctx, refused: PasswordRefused, retry_kb: InlineKeyboardMarkup
) -> None:
    """A wrong password is answered with `retry_kb`, the form kept for the next try; a locked
    sign-in ends the form and offers a reset instead."""
    if isinstance(refused, SignInLocked):
        await ctx.state.set_state(None)
        retry_kb = locked_kb()
    await message.answer(error_text(refused, ctx.tz), reply_markup=retry_kb)


async def mail_code(mailer: Mailer, mail_from: str, sent: SentCode) -> bool:
    """Mail the code; False (and a log line without the code) when the mail did not go."""
    minutes = int(CODE_TTL.total_seconds() // 60)
    mail = compose(
        sender=mail_from,
        to=sent.email,
        subject=mail_subject_code(),
        text=mail_body_code(sent.code, minutes),
    )
    try:
        # Without SMTP the mail is the log's (and the console's) to show; with SMTP the log
        # never holds a code.
        await mailer.send(mail, sensitive=not isinstance(mailer, LogMailer))
    except MailError as error:
        logger.warning("A code mail was not sent: %s", error.reason.value)
        return False
    return True


async def mail_sign_up(mailer: Mailer, mail_from: str, mail: SignUpMail) -> bool:
    """The sign-up mail: the code for a free address; for one that has an account, a note
    saying so (and no code), so the chat never tells whether an address is registered."""
    if not mail.taken:
        return await mail_code(mailer, mail_from, mail.sent)
    note = compose(
        sender=mail_from,
        to=mail.sent.email,
        subject=mail_subject_account_exists(),
        text=mail_body_account_exists(mail.sent.email),
    )
    try:
        await mailer.send(note)
    except MailError as error:
        logger.warning("A sign-up mail was not sent: %s", error.reason.value)
        return False
    return True


async def arrive(
    message: Message, ctx: Ctx, account: User, data: dict[str, Any], *, new_account: bool = False
) -> None:
    """Signed in: do what the buyer was doing before they were asked to, else show home; a
    new account without a shipping address is first offered to add one (skippable).

    `data` is the rest of the handler's data, with what it named besides `ctx` put back
    (aiogram hands named parameters to the handler, not in `**data`): the replay runs through
    the same middlewares' results as the current update.
    """
    intent = await take_intent(ctx.state)
    await ctx.state.set_state(None)
    await ctx.state.set_data({})
    if await replay_intent(intent, account, {**data, "ctx": ctx}):
        return
    if new_account and not await has_addresses(ctx.uow, account.id):
        await show(message, first_address_text(), first_address_kb())
        return
    await show_home(message, ctx.signed_in_as(account))
