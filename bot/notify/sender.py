"""The outbox sender: drains due pushes through the rate limiter, one row at a time.

- a row is claimed with a lease before sending, and marked sent only after Telegram accepted
  it, so a crash or a second process never sends it twice (a lease that runs out is retried);
- 429: the row is tried again after `retry_after`, its chat is held that long, and the global
  bucket starts empty (several 429s in a row slow everyone down; one does not stop everyone);
- 5xx or the network: the row is retried later with backoff;
- 403 (blocked): the buyer is marked unreachable and nothing more is sent to them until they
  write to the bot again;
- muted kinds, vanished subjects and rows older than `max_age` are dropped, never sent.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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
from bot.notify.render import Push, digest_push, render
from bot.notify.webhook import backoff
from bot.services.notifications import (
    DIGEST_MARK,
    MINOR_KINDS,
    Subject,
    is_wanted,
    load_subject,
    next_digest_time,
    quiet_until,
)

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)


@dataclass
class DrainReport:
    sent: int = 0
    retried: int = 0
    dropped: int = 0
    unreachable: int = 0
    deferred: int = 0
    throttled: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SenderConfig:
    default_locale: str
    default_timezone: str
    max_age: timedelta = timedelta(hours=72)
    paid_broadcast: bool = False
    digest_hour: int = 19
    lease: timedelta = LEASE


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
        """Send everything due now (up to `batch` rows); minor pushes of digest readers wait
        for their digest time and then go out together as one message."""
        report = DrainReport()
        now = self._clock.now()
        async with UnitOfWork(self._sessions) as uow:
            pending = deque(await uow.outbox.due(now, batch))
        digests: dict[int, tuple[User, list[OutboxMessage]]] = {}
        passed_over = 0
        while pending:
            row, user = pending.popleft()
            if user.daily_digest and row.kind in MINOR_KINDS:
                if row.last_error == DIGEST_MARK:
                    digests.setdefault(user.id, (user, []))[1].append(row)
                else:
                    await self._hold_for_digest(row, user)
                    report.deferred += 1
                continue
            chat = user.telegram_id or 0
            if not self._limiter.chat_ready(chat) and passed_over < len(pending):
                # One busy chat must not hold everyone else back: come back to it later.
                pending.append((row, user))
                passed_over += 1
                continue
            passed_over = 0
            await self._deliver([row], user, report)
        for user, rows in digests.values():
            await self._deliver(rows, user, report, digest=True)
        return report

    async def _hold_for_digest(self, row: OutboxMessage, user: User) -> None:
        zone = ZoneInfo(user.time_zone or self._config.default_timezone)
        when = next_digest_time(self._clock.now(), zone, self._config.digest_hour)
        async with UnitOfWork(self._sessions) as uow:
            await uow.outbox.retry_at(row.id, when, DIGEST_MARK, attempt=False)
            await uow.commit()

    async def _deliver(
        self, rows: list[OutboxMessage], user: User, report: DrainReport, digest: bool = False
    ) -> None:
        """One message for `rows` (one row, or a digest): claimed, checked, sent, recorded."""
        now = self._clock.now()
        async with UnitOfWork(self._sessions) as uow:
            lease_until = now + self._config.lease
            rows = [row for row in rows if await uow.outbox.claim(row.id, now, lease_until)]
            await uow.commit()
        if not rows:
            return
        zone = ZoneInfo(user.time_zone or self._config.default_timezone)
        hours = (user.quiet_from, user.quiet_until) if user.quiet_from is not None else None
        wake = quiet_until(now, zone, hours)  # type: ignore[arg-type]
        if wake is not None:
            await self._retry(rows, wake, DIGEST_MARK if digest else "quiet hours", attempt=False)
            report.deferred += len(rows)
            return
        subjects = []
        for row in rows:
            reason = await self._why_not(row)
            subject = None if reason else await load_subject(UnitOfWork(self._sessions), row)
            if subject is None:
                await self._finish([row.id], dropped=reason or "subject gone")
                report.dropped += 1
                report.reasons.append(reason or "subject gone")
            else:
                subjects.append((row, subject))
        if not subjects:
            return
        kept = [row for row, _ in subjects]
        outcome = await self._send(user, self._render(subjects, user, zone, digest))
        if outcome == "sent":
            await self._finish([row.id for row in kept])
            report.sent += len(kept)
        elif outcome == "blocked":
            await self._unreachable(kept, user)
            report.unreachable += 1
        elif outcome.startswith("wait:"):
            # 429: this row goes again after retry_after; the others carry on meanwhile.
            when = self._clock.now() + timedelta(seconds=float(outcome.removeprefix("wait:")))
            await self._retry(kept, when, DIGEST_MARK if digest else "429", attempt=False)
            report.throttled += len(kept)
        elif outcome.startswith("retry:"):
            when = self._clock.now() + backoff(max(row.attempts for row in kept))
            await self._retry(kept, when, DIGEST_MARK if digest else outcome, attempt=True)
            report.retried += len(kept)
        else:
            logger.warning("Pushes %s refused for good: %s", [r.id for r in kept], outcome)
            await self._finish([row.id for row in kept], dropped=outcome)
            report.dropped += len(kept)
            report.reasons.append(outcome)

    async def _why_not(self, row: OutboxMessage) -> str | None:
        if self._clock.now() - row.created_at > self._config.max_age:
            return "expired"
        if not await is_wanted(UnitOfWork(self._sessions), row.user_id, row.kind):
            return "muted"
        return None

    def _render(
        self,
        subjects: list[tuple[OutboxMessage, Subject]],
        user: User,
        zone: ZoneInfo,
        digest: bool,
    ) -> Push:
        locale = resolve_locale(user.locale, user.language_code, self._config.default_locale)
        with self._i18n.context(), self._i18n.use_locale(locale):
            pushes = [
                render(
                    row.kind,
                    subject,
                    zone,
                    self._clock.now(),
                    payload_due=str(row.payload.get("due_at", "")),
                    payload_since=str(row.payload.get("since", "")),
                )
                for row, subject in subjects
            ]
            return digest_push([push.text for push in pushes]) if digest else pushes[0]

    async def _send(self, user: User, push: Push) -> str:
        """'sent', 'blocked', 'wait:<seconds>', 'retry:<why>', or why it can never be sent."""
        assert user.telegram_id is not None
        await self._limiter.wait(user.telegram_id)
        try:
            await self._bot.send_message(
                user.telegram_id,
                push.text,
                reply_markup=push.markup,
                allow_paid_broadcast=self._config.paid_broadcast or None,
            )
        except TelegramRetryAfter as error:
            self._limiter.throttled(user.telegram_id, error.retry_after)
            return f"wait:{error.retry_after}"
        except TelegramForbiddenError:
            return "blocked"
        except (TelegramServerError, TelegramNetworkError) as error:
            return f"retry:{error.message}"
        except TelegramBadRequest as error:
            return f"refused: {error.message}"
        return "sent"

    async def _retry(
        self, rows: list[OutboxMessage], when: datetime, why: str, attempt: bool
    ) -> None:
        async with UnitOfWork(self._sessions) as uow:
            for row in rows:
                await uow.outbox.retry_at(row.id, when, why, attempt=attempt)
            await uow.commit()

    async def _finish(self, row_ids: list[int], dropped: str | None = None) -> None:
        async with UnitOfWork(self._sessions) as uow:
            for row_id in row_ids:
                if dropped is None:
                    await uow.outbox.mark_sent(row_id, self._clock.now())
                else:
                    await uow.outbox.mark_failed(row_id, self._clock.now(), dropped)
            await uow.commit()

    async def _unreachable(self, rows: list[OutboxMessage], user: User) -> None:
        """Blocked: keep the rows for when they come back, stop everything to them meanwhile."""
        async with UnitOfWork(self._sessions) as uow:
            await uow.users.mark_unreachable(user.id, self._clock.now())
            for row in rows:
                await uow.outbox.retry_at(
                    row.id, self._clock.now(), "blocked by the user", attempt=True
                )
            await uow.commit()
