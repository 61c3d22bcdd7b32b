"""Settings → Notifications as a read model: each switch returns the screen a fresh read
would show, so the buttons always say what pressing them would do."""

from __future__ import annotations

from bot.db.uow import UnitOfWork
from bot.services import notifications
from bot.services.events import NoticeKind
from bot.services.notifications import QuietPreset
from tests.conftest import START
from tests.factories import make_buyer

ORDER_STATUS = NoticeKind.ORDER_STATUS


async def test_every_switch_returns_the_screen_as_it_is_now(uow: UnitOfWork) -> None:
    await make_buyer(uow, 1001, START)
    async with uow:
        user = await uow.users.by_telegram_id(1001)
        assert user is not None
        fresh = await notifications.notification_settings(uow, user)
        # Every kind is on, but the weekly digest of drops, which a buyer asks for.
        opt_in = {NoticeKind.WISH_WEEKLY}
        assert all(on for kind, on in fresh.enabled.items() if kind not in opt_in)
        assert not fresh.enabled[NoticeKind.WISH_WEEKLY] and not fresh.digest
        assert fresh.quiet is QuietPreset.OFF

        moves = [
            lambda: notifications.set_preference(uow, user, ORDER_STATUS, False, START),
            lambda: notifications.set_quiet_hours(uow, user, QuietPreset.NIGHT_23_07),
            lambda: notifications.set_daily_digest(uow, user, True),
            lambda: notifications.set_preference(uow, user, ORDER_STATUS, True, START),
            lambda: notifications.set_preference(uow, user, NoticeKind.PROMOTION, False, START),
            lambda: notifications.set_preference(uow, user, NoticeKind.WISH_WEEKLY, True, START),
        ]
        for move in moves:
            returned = await move()
            assert returned == await notifications.notification_settings(uow, user)
        assert returned.quiet is QuietPreset.NIGHT_23_07 and returned.digest
        assert returned.enabled[ORDER_STATUS]
        assert not returned.enabled[NoticeKind.PROMOTION]
        assert returned.enabled[NoticeKind.WISH_WEEKLY] and user.weekly_drops
