"""Texts of Settings and Settings → Notifications."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def settings_text() -> str:
    return _("⚙️ <b>Settings</b>\n\nWhat the bot tells you about, and in which language.")


def notifications_text() -> str:
    return _(
        "🔔 <b>Notifications</b>\n\n"
        "Tap a line to turn that kind of message on (✅) or off (🔕). Every message also has "
        "a button to turn its kind off.\n\n"
        "With the daily digest, new orders and parcel scans come together once a day, in "
        "the evening; everything else comes at once."
    )


def muted_text(label: str) -> str:
    return _("🔕 Turned off: {kind}. Turn it back on in Settings → Notifications.").format(
        kind=label
    )


def quiet_text(zone: str) -> str:
    return _(
        "🌙 <b>Quiet hours</b>\n\n"
        "During quiet hours the bot keeps its messages and sends them when they end. "
        "Times are in your time zone: {zone}."
    ).format(zone=zone)
