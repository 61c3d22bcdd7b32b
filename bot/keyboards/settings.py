"""Settings → Notifications: a switch per kind of push, and the mute button on every push."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    DigestCb,
    NavAction,
    NavCb,
    NotifyAction,
    NotifyCb,
    QuietCb,
    RecentAct,
    RecentCb,
)
from bot.keyboards.nav import button, home_button
from bot.services.notifications import NotificationSettings, QuietPreset
from bot.views.labels import notice_kind_label, quiet_label_text


def settings_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("🔔 Notifications"), NavCb(action=NavAction.NOTIFICATIONS))],
            [button(_("🌐 Language"), NavCb(action=NavAction.LANGUAGE))],
            [button(_("🕘 Recently viewed"), RecentCb(action=RecentAct.LENGTH))],
            [home_button()],
        ]
    )


def notifications_kb(screen: NotificationSettings) -> InlineKeyboardMarkup:
    quiet, digest = screen.quiet, screen.digest
    quiet_label = _("🌙 Quiet hours: {hours}").format(hours=quiet_label_text(quiet))
    digest_label = _("📰 Daily digest: on") if digest else _("📰 Daily digest: off")
    rows = [
        [button(quiet_label, NavCb(action=NavAction.QUIET))],
        [button(digest_label, DigestCb(enabled=not digest))],
    ]
    for kind, on in screen.enabled.items():
        mark = "✅" if on else "🔕"
        action = NotifyAction.DISABLE if on else NotifyAction.ENABLE
        rows.append(
            [button(f"{mark} {notice_kind_label(kind)}", NotifyCb(action=action, kind=kind))]
        )
    rows.append([button(_("⬅️ Settings"), NavCb(action=NavAction.SETTINGS)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def quiet_kb(current: QuietPreset) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                ("✓ " if preset is current else "") + quiet_label_text(preset),
                QuietCb(preset=preset),
            )
        ]
        for preset in QuietPreset
    ]
    rows.append([button(_("⬅️ Notifications"), NavCb(action=NavAction.NOTIFICATIONS))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
