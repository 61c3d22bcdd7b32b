"""Turning a batch of claimed outbox rows into messages, before anything is sent.

Everything the batch needs from the database is read here, in the claiming session: the
buyers' muted kinds in one query, and each push's subject. What cannot go now is settled
here too — held for the digest or until quiet hours end, or dropped (muted, too old, subject
gone) — so the sending workers only send.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from aiogram.utils.i18n import I18n

from bot.clock import Clock
from bot.db.models import OutboxMessage, User
from bot.db.uow import UnitOfWork
from bot.i18n import resolve_locale
from bot.notify.ledger import Dropped, Retry
from bot.services.exchange_rates import RateTable, rates_for
from bot.services.notifications import (
    DIGEST_MARK,
    MINOR_KINDS,
    next_digest_time,
    quiet_until,
)
from bot.services.push_subjects import Subject, load_subjects
from bot.views import format as fmt
from bot.views.charts import CHART_PAYLOAD_KEY, PushChart
from bot.views.pushes import Push, digest_push, render

if TYPE_CHECKING:
    from bot.notify.sender import SenderConfig


@dataclass
class Job:
    """One message to one buyer: a push, or a digest of several."""

    user: User
    rows: list[OutboxMessage]
    push: Push
    digest: bool
    lease_until: datetime

    @property
    def row_ids(self) -> list[int]:
        return [row.id for row in self.rows]


@dataclass
class Planned:
    claimed: int = 0
    jobs: list[Job] = field(default_factory=list)
    settled: list[Dropped | Retry] = field(default_factory=list)


class BatchPlanner:
    def __init__(self, i18n: I18n, clock: Clock, config: SenderConfig) -> None:
        self._i18n = i18n
        self._clock = clock
        self._config = config

    async def plan(
        self, uow: UnitOfWork, due: list[tuple[OutboxMessage, User]], lease_until: datetime
    ) -> Planned:
        planned = Planned(claimed=len(due))
        if not due:
            return planned
        now = self._clock.now()
        disabled = await uow.preferences.disabled_kinds_of(list({user.id for _, user in due}))
        awake = []
        for user, rows, digest in self._group(due, planned):
            wake = self._quiet_until(user)
            if wake is None:
                awake.append((user, rows, digest))
            else:  # quiet hours: the whole message waits for the morning
                reason = DIGEST_MARK if digest else "quiet hours"
                planned.settled.append(Retry([r.id for r in rows], wake, reason, attempt=False))
        refusals = {
            row.id: self._why_not(row, disabled.get(user.id, set()))
            for user, rows, _ in awake
            for row in rows
        }
        wanted = [row for _, rows, _ in awake for row in rows if refusals[row.id] is None]
        found = await load_subjects(uow, wanted, now, self._config.dispute_rules)
        subjects = dict(zip([row.id for row in wanted], found, strict=True))
        tables = {
            code: await rates_for(uow, code)
            for code in {user.display_currency for user, _, _ in awake}
            if code is not None
        }
        for user, rows, digest in awake:
            kept = []
            for row in rows:
                subject = subjects.get(row.id)
                if subject is None:
                    reason = refusals[row.id] or "subject gone"
                    planned.settled.append(Dropped([row.id], now, reason))
                else:
                    kept.append((row, subject))
            if kept:
                rates = tables.get(user.display_currency or "")
                push = self._render(kept, user, self._zone(user), digest, rates)
                rows_kept = [row for row, _ in kept]
                planned.jobs.append(Job(user, rows_kept, push, digest, lease_until))
        return planned

    def _zone(self, user: User) -> ZoneInfo:
        return ZoneInfo(user.time_zone or self._config.default_timezone)

    def _group(
        self, due: list[tuple[OutboxMessage, User]], planned: Planned
    ) -> list[tuple[User, list[OutboxMessage], bool]]:
        """Single pushes in order, then one digest per buyer whose digest time has come;
        minor pushes of digest readers not yet marked are held for their digest time."""
        singles: list[tuple[User, list[OutboxMessage], bool]] = []
        digests: dict[int, tuple[User, list[OutboxMessage], bool]] = {}
        for row, user in due:
            if not (user.daily_digest and row.kind in MINOR_KINDS):
                singles.append((user, [row], False))
            elif row.last_error == DIGEST_MARK:
                digests.setdefault(user.id, (user, [], True))[1].append(row)
            else:
                when = next_digest_time(
                    self._clock.now(), self._zone(user), self._config.digest_hour
                )
                planned.settled.append(Retry([row.id], when, DIGEST_MARK, attempt=False))
        return singles + list(digests.values())

    def _quiet_until(self, user: User) -> datetime | None:
        hours = (user.quiet_from, user.quiet_until) if user.quiet_from is not None else None
        return quiet_until(self._clock.now(), self._zone(user), hours)  # type: ignore[arg-type]

    def _why_not(self, row: OutboxMessage, disabled: set[str]) -> str | None:
        if self._clock.now() - row.created_at > self._config.max_age:
            return "expired"
        if row.kind in disabled:
            return "muted"
        return None

    def _render(
        self,
        subjects: list[tuple[OutboxMessage, Subject]],
        user: User,
        zone: ZoneInfo,
        digest: bool,
        rates: RateTable | None,
    ) -> Push:
        locale = resolve_locale(user.locale, user.language_code, self._config.default_locale)
        display = None
        if rates and user.display_currency is not None:
            now, rules = self._clock.now(), self._config.rate_rules
            display = fmt.Display(user.display_currency, rates, rules, now, zone)
        with self._i18n.context(), self._i18n.use_locale(locale), fmt.converting(display):
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
            if digest:
                return digest_push([push.text for push in pushes])
            return self._with_chart(pushes[0], subjects[0][0], locale, zone, display)

    @staticmethod
    def _with_chart(
        push: Push, row: OutboxMessage, locale: str, zone: ZoneInfo, display: fmt.Display | None
    ) -> Push:
        """A push that asks for a chart (its own, or its row's payload) gets it in the buyer's
        locale, zone and display currency."""
        chart = push.chart
        product_id = row.payload.get(CHART_PAYLOAD_KEY)
        if chart is None and isinstance(product_id, int):
            chart = PushChart(product_id)
        if chart is None:
            return push
        return replace(push, chart=replace(chart, locale=locale, tz=zone, display=display))
