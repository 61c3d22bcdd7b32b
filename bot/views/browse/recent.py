"""Recently viewed: the list, clearing it, and how long it is kept."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.browse.recent import RecentList
from bot.views import format as fmt


def recent_text(listing: RecentList) -> str:
    title = _("🕘 <b>Recently viewed</b>")
    if listing.page.total == 0:
        return title + "\n\n" + _("Nothing here yet. The products you open show up here.")
    keeps = ngettext(
        "The last product you opened; the list keeps {count}.",
        "The last products you opened, newest first; the list keeps {count}.",
        listing.page.total,
    ).format(count=fmt.number(listing.limit))
    return f"{title}\n\n{keeps}" + fmt.page_note(listing.page)


def clear_confirm_text() -> str:
    return _("🧹 Clear the whole list of recently viewed products?")


def cleared_text() -> str:
    return _("🧹 Recently viewed cleared.")


def removed_text() -> str:
    return _("Removed from recently viewed.")


def length_text(current: int) -> str:
    return _(
        "🕘 <b>Recently viewed</b>\n\nHow many of the products you open should the list keep? "
        "Now: {count}."
    ).format(count=fmt.number(current))


def length_set_text(count: int) -> str:
    return ngettext(
        "✅ The list keeps {count} product now.", "✅ The list keeps {count} products now.", count
    ).format(count=fmt.number(count))
