"""The operator's /admin status: short lines, numbers and times in the operator's locale."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.operator import OperatorStatus
from bot.views import format as fmt

ONE_MINUTE = timedelta(minutes=1)


def _when(moment: datetime | None, now: datetime, tz: tzinfo) -> str:
    if moment is None:
        return _("never")
    return f"{fmt.day_time(moment, tz)} ({fmt.relative(min(moment - now, -ONE_MINUTE))})"


def operator_status_text(status: OperatorStatus, now: datetime, tz: tzinfo) -> str:
    lines = [
        _("🛠 <b>Operator status</b>"),
        _("Buyers: {count}").format(count=fmt.number(status.buyers)),
        _("Pushes waiting: {count} (due now: {due})").format(
            count=fmt.number(status.pushes_waiting), due=fmt.number(status.pushes_due)
        ),
        _("Events not yet taken by the marketplace: {count}").format(
            count=fmt.number(status.events_undelivered)
        ),
    ]
    if status.oldest_event_at is not None:
        lines.append(
            _("Oldest waiting event: {when}").format(when=_when(status.oldest_event_at, now, tz))
        )
    lines.append(
        _("Exchange rates: {count}, too old to show: {stale}").format(
            count=fmt.number(status.rates), stale=fmt.number(status.rates_stale)
        )
    )
    lines.append(
        _("Rates last updated: {when}").format(when=_when(status.rates_updated_at, now, tz))
    )
    return "\n".join(lines)
