"""What the sign-in, sign-up and password forms share: reading a secret out of the chat,
mailing a code, and arriving in the cabinet (or where the buyer was going) afterwards."""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.start import show_home
from bot.keyboards.addresses.screens import first_address_kb
from bot.keyboards.auth import locked_kb
from bot.middlewares.commands import delete_secret
from bot.middlewares.gate import replay_intent, take_intent
from bot.notify.mail import LogMailer, Mailer, MailError, compose
from bot.services.accounts import credentials
from bot.services.accounts.auth import SentCode, SignInOutcome
from bot.services.accounts.codes import CODE_TTL
from bot.services.accounts.hashing import PasswordQueue
from bot.services.addresses.book import has_addresses
from bot.views.accounts.auth import (
    locked_text,
    mail_body_account_exists,
    mail_body_code,
    mail_subject_account_exists,
    mail_subject_code,
    wrong_credentials_text,
)
from bot.views.addresses.screens import first_address_text
from bot.views.screen import show

logger = logging.getLogger(__name__)


async def read_secret(message: Message) -> str:
    """The password or code the buyer sent, after deleting their message from the chat.

    The text is taken first and the message deleted before anything else happens, so it is
    gone from the screen even if checking it fails; it is never logged or stored in the FSM.
    """
    secret = message.text or ""
    await delete_secret(message)
    return secret


async def current_password_ok(  # noqa: PLR0913 - the form's parts and the clock are injected
    message: Message,
    uow: UnitOfWork,
    queue: PasswordQueue,
    user: User,
    now: datetime,
    state: FSMContext,
    tz: tzinfo,
    wrong_kb: InlineKeyboardMarkup,
) -> bool:
    """The account's current password, read out of the chat and checked by a sign-in's rules
    (the lockout, the checks per Telegram user). A wrong one is answered with `wrong_kb`; a
    locked account ends the form. True when it matched."""
    password = await read_secret(message)
    assert message.from_user is not None  # private chats only (IdentityMiddleware)
    telegram_id = message.from_user.id
    result = await credentials.verify_current_password(uow, queue, user, telegram_id, password, now)
    if result.outcome is SignInOutcome.LOCKED:
        await state.set_state(None)
        assert result.locked_until is not None
        await message.answer(locked_text(result.locked_until, tz), reply_markup=locked_kb())
        return False
    if result.outcome is SignInOutcome.WRONG:
        await message.answer(wrong_credentials_text(result.attempts_left), reply_markup=wrong_kb)
        return False
    return True


async def mail_code(mailer: Mailer, settings: Settings, sent: SentCode) -> bool:
    """Mail the code; False (and a log line without the code) when the mail did not go."""
    minutes = int(CODE_TTL.total_seconds() // 60)
    mail = compose(
        sender=settings.mail_from,
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


async def mail_sign_up(mailer: Mailer, settings: Settings, sent: SentCode, taken: bool) -> bool:
    """The sign-up mail: the code for a free address; for one that has an account, a note
    saying so (and no code), so the chat never tells whether an address is registered."""
    if not taken:
        return await mail_code(mailer, settings, sent)
    mail = compose(
        sender=settings.mail_from,
        to=sent.email,
        subject=mail_subject_account_exists(),
        text=mail_body_account_exists(sent.email),
    )
    try:
        await mailer.send(mail)
    except MailError as error:
        logger.warning("A sign-up mail was not sent: %s", error.reason.value)
        return False
    return True


async def arrive(
    message: Message, account: User, context: dict[str, Any], *, new_account: bool = False
) -> None:
    """Signed in: do what the buyer was doing before they were asked to, else show home; a
    new account without a shipping address is first offered to add one (skippable).

    `context` is the handler's whole data (aiogram hands named parameters to the handler, not
    in `**data`, so the caller puts them back): the replay runs through the same middlewares'
    results as the current update.
    """
    state: FSMContext = context["state"]
    intent = await take_intent(state)
    await state.set_state(None)
    await state.set_data({})
    if await replay_intent(intent, account, context):
        return
    if new_account and not await has_addresses(context["uow"], account.id):
        await show(message, first_address_text(), first_address_kb())
        return
    await show_home(message, context["ctx"].signed_in_as(account))
