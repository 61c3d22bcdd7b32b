"""Quiet hours: pushes wait until the morning, in the buyer's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.services.notifications import QUIET_HOURS, QuietPreset, quiet_until
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.notify.test_sender import _shipped_order, make_sender

MOSCOW = ZoneInfo("Europe/Moscow")


def test_quiet_hours_end_at_the_next_morning_local_time() -> None:
    late = datetime(2026, 11, 26, 20, 30, tzinfo=UTC)  # 23:30 in Moscow
    assert quiet_until(late, MOSCOW, (22, 8)) == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    noon = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert quiet_until(noon, MOSCOW, (22, 8)) is None
    assert quiet_until(late, MOSCOW, None) is None


@given(
    moment=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
    ),
    preset=st.sampled_from([p for p in QuietPreset if p is not QuietPreset.OFF]),
    zone=st.sampled_from(["Europe/Moscow", "America/New_York", "Asia/Kolkata", "UTC"]),
)
def test_a_deferred_push_wakes_within_a_day_outside_the_quiet_hours(
    moment: datetime, preset: QuietPreset, zone: str
) -> None:
    hours = QUIET_HOURS[preset]
    wake = quiet_until(moment, ZoneInfo(zone), hours)
    if wake is not None:
        assert moment < wake <= moment + timedelta(hours=25)
        assert quiet_until(wake, ZoneInfo(zone), hours) is None


async def test_a_push_at_night_waits_for_the_morning(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/settings")
    await anna.press("🔔 Notifications")
    await anna.press("🌙 Quiet hours: off")
    assert "Times are in your time zone: UTC." in anna.screen
    await anna.press("22:00–08:00")
    assert "🌙 Quiet hours: 22:00–08:00" in sum(anna.buttons, [])

    harness.clock.set(datetime(2026, 11, 26, 23, 0, tzinfo=UTC))
    await _shipped_order(harness)
    sender, _ = make_sender(harness)
    harness.server.clear()

    assert (await sender.drain()).deferred == 1
    assert harness.server.calls_of("sendMessage") == []
    harness.clock.set(datetime(2026, 11, 27, 7, 59, tzinfo=UTC))
    assert (await sender.drain()).sent == 0
    harness.clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    assert (await sender.drain()).sent == 1
