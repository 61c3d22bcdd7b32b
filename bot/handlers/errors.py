"""The error boundary: domain errors become localized answers, anything else is logged and
the buyer is told, in their language, that something went wrong."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware, Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ErrorEvent, Message, TelegramObject, Update
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import PasswordChecksExhausted
from bot.services.accounts.code_limits import CodeGuessesSpent, CodeMailsSpent
from bot.services.accounts.hashing import PasswordCheckBusy, PasswordQueueFull
from bot.services.addresses.book import AddressFieldRefused
from bot.services.errors import (
    AddressLimitReached,
    AddressNotFound,
    CouponNotFound,
    DomainError,
    IllegalStatusChange,
    LinkCodeInvalid,
    MessageTooLong,
    OrderNotDeletable,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooLong,
    SearchQueryTooShort,
    SignOutWouldLoseAccount,
)
from bot.services.order_status import IN_TRANSIT
from bot.views import format as fmt
from bot.views.accounts.auth import code_budget_text, password_refused_text
from bot.views.addresses.form import field_label
from bot.views.addresses.screens import limit_text, problem_sentence
from bot.views.disputes.errors import dispute_error_text
from bot.views.feedback.errors import feedback_error_text
from bot.views.fit import too_long_text
from bot.views.flood import slow_down_text, slowed_down_text
from bot.views.labels import status_label
from bot.views.messages.errors import message_center_error_text

logger = logging.getLogger(__name__)
UTC_ZONE = ZoneInfo("UTC")


def error_text(error: DomainError, tz: tzinfo) -> str:  # noqa: PLR0911, PLR0912 - a table
    """The one table that turns a domain error into words for the buyer."""
    match error:
        case OrderNotFound():
            return _("This order is not available. It may have been deleted.")
        case CouponNotFound():
            return _("This coupon is not available. It may have been withdrawn.")
        case AddressNotFound():
            return _("This address is not available. It may have been deleted.")
        case AddressLimitReached(limit=limit):
            return limit_text(limit)
        case PasswordCheckBusy() | PasswordQueueFull() | PasswordChecksExhausted():
            return password_refused_text(error, tz)
        case CodeGuessesSpent() | CodeMailsSpent():
            return code_budget_text(error, tz)
        case AddressFieldRefused(field=field, refusal=refusal, country=country):
            # NOTE: {field} is a field of a shipping address, e.g. "Postal code".
            return _("Check the field “{field}”: {problem}").format(
                field=field_label(field), problem=problem_sentence(field, refusal, country)
            )
        case ReceiptNotConfirmable(status=status):
            return _(
                "Receipt can be confirmed only for an order that has been shipped. "
                "This order is: {status}."
            ).format(status=status_label(status))
        case ProtectionAlreadyExtended(extended_at=extended_at, ends_at=ends_at):
            return _(
                "Protection for this order was already extended on {date}. It can be "
                "extended only once; it now runs until {until}."
            ).format(date=fmt.day(extended_at, tz), until=fmt.day(ends_at, tz))
        case ProtectionNotRunning(ended_at=ended_at) if ended_at is not None:
            return _(
                "Buyer protection for this order ended on {date}, so it can no longer be extended."
            ).format(date=fmt.day(ended_at, tz))
        case ProtectionNotRunning(status=status):
            return _(
                "Buyer protection can be extended only while the order is on its way. "
                "This order is: {status}."
            ).format(status=status_label(status))
        case OrderNotDeletable(status=status) if status in IN_TRANSIT:
            return _(
                "Only completed or closed orders can be deleted. This order is: {status}. "
                "Confirm receipt when it arrives, then you can delete it."
            ).format(status=status_label(status))
        case OrderNotDeletable(status=status):
            return _(
                "Only completed or closed orders can be deleted. This order is: {status}."
            ).format(status=status_label(status))
        case SearchQueryTooShort(min_length=length):
            return ngettext(
                "Type at least {count} character to search.",
                "Type at least {count} characters to search.",
                length,
            ).format(count=fmt.number(length))
        case SearchQueryTooLong(max_length=length):
            return ngettext(
                "That is too long to search for; use at most {count} character.",
                "That is too long to search for; use at most {count} characters.",
                length,
            ).format(count=fmt.number(length))
        case MessageTooLong(max_length=limit, length=length):
            return too_long_text(length, limit)
        case LinkCodeInvalid(reason="used"):
            return _(
                "This sign-in link has already been used. Open your account on the marketplace "
                "website and ask for a new one."
            )
        case LinkCodeInvalid(reason="expired"):
            return _(
                "This sign-in link has expired. Open your account on the marketplace website "
                "and ask for a new one."
            )
        case LinkCodeInvalid():
            return _(
                "This sign-in link is not valid. Check that it was copied whole, or ask the "
                "marketplace for a new one."
            )
        case SignOutWouldLoseAccount():
            return _(
                "Add an e-mail to your account first: it has no other way back, so after "
                "signing out it could never be reached again. Profile → E-mail."
            )
        case IllegalStatusChange(current=current):
            return _("This order cannot change like that now. It is: {status}.").format(
                status=status_label(current)
            )
    if (text := dispute_error_text(error, tz)) is not None:
        return text
    if (text := feedback_error_text(error, tz)) is not None:
        return text
    if (text := message_center_error_text(error)) is not None:
        return text
    return _("That cannot be done right now.")


def something_went_wrong() -> str:
    return _("😔 Something went wrong on our side. Please try again in a minute.")


class Later:
    """Messages that must wait until Telegram's flood control lets the chat be written to
    again: each waits in a task of its own, so updates go on being handled meanwhile."""

    def __init__(self, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.sleep = sleep
        self._tasks: set[asyncio.Task[None]] = set()

    def send(self, bot: Bot, chat_id: int, delay: float, text: str) -> None:
        task = asyncio.create_task(self._send(bot, chat_id, delay, text))
        self._tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._tasks.discard)

    async def _send(self, bot: Bot, chat_id: int, delay: float, text: str) -> None:
        await self.sleep(delay)
        await _tell(bot, chat_id, text)

    async def wait(self) -> None:
        """Until every waiting message has gone (tests, and a stop that wants them out)."""
        while self._tasks:
            await asyncio.gather(*self._tasks)


class DomainErrorMiddleware(BaseMiddleware):
    """Inside the callback answerer: a refusal becomes the alert or a reply, in words.

    Telegram's flood control (429) refusing to show a result is no failure of ours: the buyer
    is told whether what they did was saved (something was committed during the handler) and
    when to look again; when nothing was, the form step they were at is kept, so trying again
    does the same thing again.
    """

    def __init__(self, later: Later | None = None) -> None:
        self.later = later or Later()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        uow: UnitOfWork | None = data.get("uow")
        commits = uow.commits if uow is not None else 0
        state: FSMContext | None = data.get("state")
        # Where the buyer was, put back when Telegram's flood control stopped a step midway.
        raw_state = data.get("raw_state")
        form = await state.get_data() if state is not None else {}
        try:
            return await handler(event, data)
        except DomainError as error:
            text = error_text(error, data.get("tz", UTC_ZONE))
            answer: CallbackAnswer | None = data.get("callback_answer")
            if isinstance(event, CallbackQuery) and answer is not None:
                answer.text, answer.show_alert = text, True
            elif isinstance(event, Message):
                await event.answer(text)
            return None
        except TelegramRetryAfter as error:
            saved = uow is not None and uow.commits > commits
            logger.warning(
                "Telegram asked to wait %s s (%s saved)",
                error.retry_after,
                "something" if saved else "nothing",
            )
            if not saved and state is not None:
                await state.set_state(raw_state)
                await state.set_data(form)
            await self._tell_flood(event, data, error.retry_after, saved=saved)
            return None
        except Exception:
            answer = data.get("callback_answer")
            if answer is not None and not answer.answered:
                answer.text, answer.show_alert = something_went_wrong(), True
            raise

    async def _tell_flood(
        self, event: TelegramObject, data: dict[str, Any], seconds: int, *, saved: bool
    ) -> None:
        """A button's alert says it at once; anything else waits for the chat to open up."""
        answer: CallbackAnswer | None = data.get("callback_answer")
        if isinstance(event, CallbackQuery):
            if answer is not None and not (answer.answered or answer.disabled):
                answer.text = slow_down_text(seconds, saved=saved)
                answer.show_alert = True
                return
            chat_id = event.from_user.id
        elif isinstance(event, Message):
            chat_id = event.chat.id
        else:
            return
        self.later.send(data["bot"], chat_id, seconds, slowed_down_text(saved=saved))


class ErrorBoundaryMiddleware(BaseMiddleware):
    """Innermost update middleware: sees the buyer's locale, logs, tells, never crashes."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        except Exception:
            update_id = event.update_id if isinstance(event, Update) else None
            logger.exception("Update %s failed", update_id)
            if isinstance(event, Update) and event.message is not None:
                await _tell(data["bot"], event.message.chat.id)
            return None


async def _tell(bot: Bot, chat_id: int, text: str | None = None) -> None:
    try:
        await bot.send_message(chat_id, text or something_went_wrong())
    except TelegramAPIError:
        logger.warning("Could not tell chat %s about the failure", chat_id)


def build_errors_router(i18n: I18n) -> Router:
    """Last resort for failures outside the boundary (e.g. the database is down)."""
    router = Router(name="errors")

    @router.errors()
    async def on_error(event: ErrorEvent, bot: Bot) -> bool:
        logger.error("Update failed before reaching a handler", exc_info=event.exception)
        message, query = event.update.message, event.update.callback_query
        with i18n.context(), i18n.use_locale(i18n.default_locale):
            if message is not None:
                await _tell(bot, message.chat.id)
            elif query is not None:
                # The boundary and the callback answerer never ran, so nobody answered it.
                try:
                    await query.answer(something_went_wrong(), show_alert=True)
                except TelegramAPIError:
                    logger.warning("Could not answer callback query %s", query.id)
        return True

    return router
