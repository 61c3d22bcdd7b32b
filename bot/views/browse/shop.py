"""The catalogue's levels, the search prompt and the results screen."""

from __future__ import annotations

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.models import Category
from bot.services.browse.catalog import CategoryLevel, Results
from bot.services.browse.search import SortBy
from bot.views import format as fmt
from bot.views.fit import clip


def category_name(category: Category) -> str:
    names = category.names or {}
    found = names.get(get_i18n().current_locale) or names.get("en")
    return str(found or next(iter(names.values()), "") or category.external_id)


def level_text(level: CategoryLevel) -> str:
    if level.category is None:
        title = _("🛍 <b>Shop</b>")
    else:
        title = f"🛍 <b>{clip(category_name(level.category), 100)}</b>"
    if not level.children:
        return title + "\n\n" + _("No products here yet. Try the search.")
    return title + "\n\n" + _("Pick a category, or search by words.")


def words_prompt_text() -> str:
    return _("🔎 What are you looking for? Type a few words, e.g. <i>desk lamp</i>.")


def sort_label(sort: SortBy) -> str:
    labels = {
        SortBy.RELEVANCE: lambda: _("Best match"),
        SortBy.PRICE_UP: lambda: _("Cheapest first"),
        SortBy.PRICE_DOWN: lambda: _("Most expensive first"),
        SortBy.NEWEST: lambda: _("Newest first"),
        SortBy.RATING: lambda: _("Best rated first"),
        SortBy.POPULAR: lambda: _("Most popular first"),
    }
    return labels[sort]()


def results_text(found: Results) -> str:
    draft, page = found.draft, found.page
    if draft.words:
        title = _("🔎 <b>{words}</b>").format(words=clip(draft.words, 100))
    else:
        title = _("🛍 <b>Products</b>")
    lines = [title]
    if page.total == 0:
        lines.append(_("Nothing found. Try other words or fewer filters."))
    else:
        lines.append(
            ngettext("{count} product found", "{count} products found", page.total).format(
                count=fmt.number(page.total)
            )
        )
    if draft.in_stock:
        lines.append(_("Only in stock"))
    lines.append(_("Sorted: {order}").format(order=sort_label(draft.sort)))
    return "\n".join(lines) + fmt.page_note(page)


def sort_text() -> str:
    return _("↕️ How should the results be sorted?")


def find_hint_text() -> str:
    return _(
        "🔎 Type /find and what you are looking for, e.g. <code>/find desk lamp</code>, "
        "or press Search."
    )
