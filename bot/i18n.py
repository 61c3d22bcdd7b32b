"""Languages: catalogue loading and the buyer's locale resolution (the middleware that applies
it to every update is bot/middlewares/locale.py)."""

from __future__ import annotations

from collections.abc import Mapping

from aiogram.utils.i18n import I18n, get_i18n

from bot.catalogs import LOCALES_DIR, compiled_locales_dir
from bot.config import SUPPORTED_LOCALES

# Languages without a catalogue of their own whose speakers usually read Russian.
FALLBACKS = {"uk": "ru", "be": "ru", "kk": "ru"}
DOMAIN = "messages"
POSIX_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def resolve_locale(
    stored: str | None,
    language_code: str | None,
    default: str,
    available: tuple[str, ...] = SUPPORTED_LOCALES,
) -> str:
    """The buyer's stored choice, else Telegram's language (base part), else the default."""
    if stored in available:
        return stored
    if language_code:
        base = language_code.replace("_", "-").split("-")[0].lower()
        if base in available:
            return base
        fallback = FALLBACKS.get(base)
        if fallback in available:
            return fallback
    return default


def posix_language(environ: Mapping[str, str]) -> str | None:
    """The language of a POSIX locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`), e.g. `ru` for
    `ru_RU.UTF-8`; None for the `C`/`POSIX` locale or nothing set, so the default applies."""
    value = next((environ[name] for name in POSIX_LOCALE_VARS if environ.get(name)), "")
    name = value.split(".", 1)[0].split("@", 1)[0]
    if name in {"", "C", "POSIX"} or not name.replace("_", "").isalpha():
        return None
    return name.replace("_", "-")


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it is shown (aiogram has no pgettext)."""
    i18n = get_i18n()
    translations = i18n.locales.get(i18n.current_locale)
    return message if translations is None else translations.pgettext(context, message)


def build_i18n(default_locale: str) -> I18n:
    """Load the catalogues the package ships, compiling the ones that changed since the last
    start (beside them, or in a cache folder when the package is read-only)."""
    path = compiled_locales_dir(LOCALES_DIR)
    return I18n(path=path, default_locale=default_locale, domain=DOMAIN)
