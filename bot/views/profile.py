"""Texts of the Profile screen and its steps: name, currency, time zone, avatar, data export."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel import Locale
from babel.dates import format_time
from babel.numbers import get_currency_name

from bot.db.models import User
from bot.services.errors import DomainError
from bot.services.profile import (
    NAME_MAX_LENGTH,
    NameHasSymbols,
    NameRefused,
    NameTooLong,
    NameWithoutLetters,
)
from bot.services.time_zones import exemplar_city
from bot.views import format as fmt
from bot.views.fit import clip

QUERY_ECHO_LIMIT = 60  # a search query is echoed back shortened, whatever was typed


def _capitalized(text: str) -> str:
    """Babel's names are lower-case in some languages ("русский", "евро")."""
    return text[:1].upper() + text[1:]


def language_name(code: str) -> str:
    """The cabinet's language named in itself: "English", "Русский"."""
    return _capitalized(Locale.parse(code).get_display_name(code) or code)


def currency_name(code: str) -> str:
    return _capitalized(get_currency_name(code, locale=fmt.locale()))


def currency_label(code: str | None) -> str:
    if code is None:
        return _("as in each order")
    return f"{currency_name(code)} ({code})"


def utc_offset(zone: str, now: datetime) -> str:
    """The zone's offset right now: "UTC+3", "UTC−3:30", "UTC+5:45", "UTC"."""
    offset = now.astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str, now: datetime) -> str:
    """The zone's city in the buyer's language and its offset: "Москва (UTC+3)"."""
    if zone == "UTC":
        return "UTC"
    city = exemplar_city(zone, str(fmt.locale()))
    return f"{city} ({utc_offset(zone, now)})"


def _email(user: User) -> str:
    if user.email is None:
        # NOTE: in place of the e-mail address when the buyer has none.
        return _("not set")
    if user.email_verified_at is None:
        # NOTE: after an e-mail address no code has confirmed yet (the marketplace set it).
        return _("{email} (not confirmed)").format(email=fmt.quote(user.email))
    return fmt.quote(user.email)


def profile_text(user: User, tz: tzinfo, now: datetime, locale: str) -> str:
    """What the cabinet knows about the buyer; `tz` is the zone in force (maybe the default)."""
    zone = zone_label(str(tz), now)
    if user.time_zone is None:
        zone = _("{zone}, not chosen yet").format(zone=zone)
    local_time = format_time(now.astimezone(tz), format="short", locale=fmt.locale())
    return _(
        "👤 <b>Profile</b>\n\n"
        "Name: {name}\n"
        "E-mail: {email}\n"
        "Language: {language}\n"
        "Currency: {currency}\n"
        "Time zone: {zone}, now {time}\n\n"
        "Quiet hours and the daily digest follow your time zone."
    ).format(
        name=fmt.quote(user.first_name or "—"),
        email=_email(user),
        language=language_name(locale),
        currency=currency_label(user.display_currency),
        zone=fmt.quote(zone),
        time=local_time,
    )


def name_prompt_text(current: str) -> str:
    return _(
        "✏️ Send the name the cabinet should call you by: up to {count} letters, spaces, "
        "hyphens or apostrophes.\n\nNow: <b>{name}</b>. /cancel keeps it."
    ).format(count=fmt.number(NAME_MAX_LENGTH), name=fmt.quote(current or "—"))


def profile_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - a table
    """The words for the refusals of the profile: a typed name, and the step asked again."""
    if not isinstance(error, NameRefused):
        return None
    match error:
        case NameTooLong(max_length=limit):
            text = ngettext(
                "That is too long: a name can have at most {count} character.",
                "That is too long: a name can have at most {count} characters.",
                limit,
            ).format(count=fmt.number(limit))
        case NameHasSymbols():
            text = _(
                "A name can have letters, spaces, hyphens and apostrophes only: no digits, "
                "emoji or other symbols."
            )
        case NameWithoutLetters():
            text = _("A name needs at least one letter.")
        case _:
            text = _("The name cannot be empty.")
    return text + "\n" + _("Send your name again, or /cancel.")


def name_not_text() -> str:
    return _("Please send your name as a text message, or /cancel.")


def currency_text() -> str:
    return _(
        "💱 <b>Currency</b>\n\n"
        "Which currency should the cabinet show amounts in? “As in each order” keeps "
        "the currency each order was paid in."
    )


def time_zone_text(current: str, now: datetime) -> str:
    return _(
        "🕒 <b>Time zone</b>\n\n"
        "Now: {zone}.\n"
        "Dates, quiet hours and the daily digest follow it. Pick yours, or find your city."
    ).format(zone=fmt.quote(zone_label(current, now)))


def zone_search_prompt() -> str:
    return _(
        "🔎 Type your city, or a big city in the same time zone (for example, Moscow or "
        "New York). A zone name such as Europe/Berlin works too."
    )


def zone_results_text(query: str, more: bool) -> str:
    text = _("🔎 Time zones for “{query}”:").format(query=clip(query, QUERY_ECHO_LIMIT))
    if more:
        text += "\n" + _("There are more; type more of the name to narrow them down.")
    return text


def zone_not_found_text(query: str) -> str:
    return _(
        "Nothing found for “{query}”. Type a big city in your time zone, for example Moscow, "
        "London or New York, or a zone such as Europe/Berlin. /cancel to stop."
    ).format(query=clip(query, QUERY_ECHO_LIMIT))


def zone_not_text() -> str:
    return _("Please type the name of a city, or /cancel.")


def avatar_prompt_text(has_avatar: bool) -> str:
    text = _("🖼 Send a photo for your avatar. /cancel keeps things as they are.")
    if has_avatar:
        text += "\n\n" + _("Or remove the avatar you have.")
    return text


def avatar_not_photo_text() -> str:
    return _("That is not a photo. Send a picture as a photo (not as a file), or /cancel.")


def saved_toast() -> str:
    return _("✅ Saved")


def avatar_removed_toast() -> str:
    return _("🗑 Avatar removed")


def export_caption(now: datetime, tz: tzinfo) -> str:
    return _(
        "📦 Everything the cabinet keeps about you, as of {date}: profile, orders, messages, "
        "coupons, notification settings, addresses and signed-in devices. Keep this file "
        "private."
    ).format(date=fmt.day(now, tz))
