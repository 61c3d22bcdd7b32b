"""The outbox sender: drains due pushes through the rate limiter, one row at a time.

- a row is claimed with a lease before sending, and marked sent only after Telegram accepted
  it, so a crash or a second process never sends it twice (a lease that runs out is retried);
- 429: everyone waits `retry_after`, then the same row is tried again;
- 5xx or the network: the row is retried later with backoff;
- 403 (blocked): the buyer is marked unreachable and nothing more is sent to them until they
  write to the bot again;
- muted kinds, vanished subjects and rows older than `max_age` are dropped, never sent.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import OutboxMessage, User
from bot.db.uow import UnitOfWork
from bot.i18n import resolve_locale
from bot.notify.limiter import RateLimiter
from bot.notify.render import render
from bot.notify.webhook import backoff
from bot.services.notifications import is_wanted, load_subject, quiet_until

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_RETRY_AFTER_TRIES = 5


@dataclass
class DrainReport:
    sent: int = 0
    retried: int = 0
    dropped: int = 0
    unreachable: int = 0
    deferred: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SenderConfig:
    default_locale: str
    default_timezone: str
    max_age: timedelta = timedelta(hours=72)
    paid_broadcast: bool = False


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        i18n: I18n,
        clock: Clock,
        limiter: RateLimiter,
        config: SenderConfig,
    ) -> None:
        self._bot = bot
        self._sessions = session_factory
        self._i18n = i18n
        self._clock = clock
        self._limiter = limiter
        self._config = config

    async def drain(self, batch: int = 500) -> DrainReport:
        """Send everything due now (up to `batch` rows)."""
        report = DrainReport()
        async with UnitOfWork(self._sessions) as uow:
            pending = deque(await uow.outbox.due(self._clock.now(), batch))
        passed_over = 0
        while pending:
            row, user = pending.popleft()
            chat = user.telegram_id or 0
            if not self._limiter.chat_ready(chat) and passed_over < len(pending):
                # One busy chat must not hold everyone else back: come back to it later.
                pending.append((row, user))
                passed_over += 1
                continue
            passed_over = 0
            await self._one(row, user, report)
        return report

    async def _one(self, row: OutboxMessage, user: User, report: DrainReport) -> None:
        now = self._clock.now()
        async with UnitOfWork(self._sessions) as uow:
            if not await uow.outbox.claim(row.id, now, now + LEASE):
                return
            await uow.commit()
        zone = ZoneInfo(user.time_zone or self._config.default_timezone)
        hours = (user.quiet_from, user.quiet_until) if user.quiet_from is not None else None
        wake = quiet_until(now, zone, hours)  # type: ignore[arg-type]
        if wake is not None:
            async with UnitOfWork(self._sessions) as uow:
                await uow.outbox.retry_at(row.id, wake, "quiet hours", attempt=False)
                await uow.commit()
            report.deferred += 1
            return
        reason = await self._why_not(row)
        if reason is not None:
            await self._finish(row.id, dropped=reason)
            report.dropped += 1
            report.reasons.append(reason)
            return
        outcome = await self._send(row, user)
        if outcome == "sent":
            await self._finish(row.id)
            report.sent += 1
        elif outcome == "blocked":
            await self._unreachable(row, user)
            report.unreachable += 1
        elif outcome.startswith("retry:"):
            async with UnitOfWork(self._sessions) as uow:
                when = self._clock.now() + backoff(row.attempts)
                await uow.outbox.retry_at(row.id, when, outcome, attempt=True)
                await uow.commit()
            report.retried += 1
        else:
            await self._finish(row.id, dropped=outcome)
            report.dropped += 1
            report.reasons.append(outcome)

    async def _why_not(self, row: OutboxMessage) -> str | None:
        if self._clock.now() - row.created_at > self._config.max_age:
            return "expired"
        if not await is_wanted(UnitOfWork(self._sessions), row.user_id, row.kind):
            return "muted"
        return None

    async def _send(self, row: OutboxMessage, user: User) -> str:
        """'sent', 'blocked', 'retry:<why>', or why it can never be sent."""
        locale = resolve_locale(user.locale, user.language_code, self._config.default_locale)
        zone = ZoneInfo(user.time_zone or self._config.default_timezone)
        subject = await load_subject(UnitOfWork(self._sessions), row)
        if subject is None:
            return "subject gone"
        assert user.telegram_id is not None
        with self._i18n.context(), self._i18n.use_locale(locale):
            push = render(
                row.kind,
                subject,
                zone,
                self._clock.now(),
                payload_due=str(row.payload.get("due_at", "")),
                payload_since=str(row.payload.get("since", "")),
            )
        for _ in range(MAX_RETRY_AFTER_TRIES):
            await self._limiter.wait(user.telegram_id)
            try:
                await self._bot.send_message(
                    user.telegram_id,
                    push.text,
                    reply_markup=push.markup,
                    allow_paid_broadcast=self._config.paid_broadcast or None,
                )
            except TelegramRetryAfter as error:
                await self._limiter.pause(error.retry_after)
                continue
            except TelegramForbiddenError:
                return "blocked"
            except (TelegramServerError, TelegramNetworkError) as error:
                return f"retry:{error.message}"
            except TelegramBadRequest as error:
                logger.warning("Push %s refused for good: %s", row.id, error.message)
                return f"refused: {error.message}"
            return "sent"
        return "retry:flood control"

    async def _finish(self, row_id: int, dropped: str | None = None) -> None:
        async with UnitOfWork(self._sessions) as uow:
            if dropped is None:
                await uow.outbox.mark_sent(row_id, self._clock.now())
            else:
                await uow.outbox.mark_failed(row_id, self._clock.now(), dropped)
            await uow.commit()

    async def _unreachable(self, row: OutboxMessage, user: User) -> None:
        """Blocked: keep the row for when they come back, stop everything to them meanwhile."""
        async with UnitOfWork(self._sessions) as uow:
            await uow.users.mark_unreachable(user.id, self._clock.now())
            await uow.outbox.retry_at(
                row.id, self._clock.now(), "blocked by the user", attempt=True
            )
            await uow.commit()
