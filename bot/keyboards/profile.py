"""Profile: keyboards of the profile and of its pickers."""

from __future__ import annotations

from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    AddressListCb,
    AuthAction,
    AuthCb,
    CurrencyCb,
    NavAction,
    NavCb,
    ProfileAction,
    ProfileCb,
    TimeZoneCb,
)
from bot.keyboards.nav import button, home_button
from bot.services.profile import CURRENCIES
from bot.views.profile import currency_label, zone_label


def _profile(action: ProfileAction) -> ProfileCb:
    return ProfileCb(action=action)


def back_to_profile_button() -> InlineKeyboardButton:
    return button(_("⬅️ Profile"), _profile(ProfileAction.OPEN))


def profile_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(_("✏️ Name"), _profile(ProfileAction.NAME)),
                button(_("📧 E-mail"), _profile(ProfileAction.EMAIL)),
            ],
            [
                button(_("🔒 Password"), _profile(ProfileAction.PASSWORD)),
                button(_("🌐 Language"), NavCb(action=NavAction.LANGUAGE)),
            ],
            [
                button(_("💱 Currency"), _profile(ProfileAction.CURRENCY)),
                button(_("🕒 Time zone"), _profile(ProfileAction.TIME_ZONE)),
            ],
            [
                button(_("🖼 Avatar"), _profile(ProfileAction.AVATAR)),
                button(_("🔔 Notifications"), NavCb(action=NavAction.NOTIFICATIONS)),
            ],
            [
                button(_("🏠 Addresses"), AddressListCb()),
                button(_("📦 Download my data"), _profile(ProfileAction.EXPORT)),
            ],
            [
                button(_("🚪 Sign out"), AuthCb(action=AuthAction.SIGN_OUT)),
                button(_("🗑 Delete account"), _profile(ProfileAction.DELETE)),
            ],
            [home_button()],
        ]
    )


def currency_kb(current: str | None) -> InlineKeyboardMarkup:
    def mark(chosen: bool) -> str:
        return "✓ " if chosen else ""

    as_order = mark(current is None) + _("As in each order")
    rows = [[button(as_order, _profile(ProfileAction.CURRENCY_AS_ORDER))]]
    rows += [
        [button(mark(current == code) + currency_label(code), CurrencyCb(code=code))]
        for code in CURRENCIES
    ]
    rows.append([back_to_profile_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _zone_rows(
    zones: tuple[str, ...], current: str | None, now: datetime
) -> list[list[InlineKeyboardButton]]:
    buttons = [
        button(("✓ " if zone == current else "") + zone_label(zone, now), TimeZoneCb(zone=zone))
        for zone in zones
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def time_zone_kb(
    zones: tuple[str, ...], current: str | None, now: datetime
) -> InlineKeyboardMarkup:
    rows = _zone_rows(zones, current, now)
    rows.append([button(_("🔎 Find my city"), _profile(ProfileAction.TIME_ZONE_SEARCH))])
    rows.append([back_to_profile_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def zone_results_kb(zones: tuple[str, ...], now: datetime) -> InlineKeyboardMarkup:
    rows = _zone_rows(zones, None, now)
    rows.append([button(_("⬅️ Time zones"), _profile(ProfileAction.TIME_ZONE))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def zone_prompt_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(_("⬅️ Time zones"), _profile(ProfileAction.TIME_ZONE))]]
    )


def avatar_kb(has_avatar: bool) -> InlineKeyboardMarkup:
    rows = []
    if has_avatar:
        rows.append([button(_("🗑 Remove avatar"), _profile(ProfileAction.AVATAR_REMOVE))])
    rows.append([back_to_profile_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def name_prompt_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[back_to_profile_button()]])


def add_email_button() -> InlineKeyboardButton:
    """Into the e-mail flow: an account with an e-mail can always be signed in to again."""
    return button(_("📧 Add e-mail"), _profile(ProfileAction.EMAIL))
