"""The catalogue's levels, the results with their pages, sort and filters."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.browse.card import shop_button
from bot.keyboards.callbacks import CatalogCb, ProductCb, ResultsAct, ResultsCb, SortCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.browse.catalog import CategoryLevel, Results
from bot.services.browse.search import SortBy
from bot.views import format as fmt
from bot.views.browse.products import button_text
from bot.views.browse.shop import category_name, sort_label


def level_kb(level: CategoryLevel) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                f"{fmt.short(category_name(child), 40)} ({fmt.number(count)})",
                CatalogCb(category_id=child.id),
            )
        ]
        for child, count in level.children
    ]
    if level.category is not None:
        everything = CatalogCb(category_id=level.category.id, products=True)
        rows.append([button(_("📦 All products here"), everything)])
    rows.append([button(_("🔎 Search"), ResultsCb(action=ResultsAct.WORDS))])
    back = CatalogCb(category_id=level.category.parent_id or 0) if level.category else None
    last = [home_button()]
    if back is not None:
        last.insert(0, button(_("⬅️ Back"), back))
    rows.append(last)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def results_kb(found: Results) -> InlineKeyboardMarkup:
    page, draft = found.page, found.draft
    rows = [[button(button_text(p), ProductCb(product_id=p.id))] for p in page.items]
    if nav := page_buttons(
        page.number, page.pages, lambda n: ResultsCb(action=ResultsAct.PAGE, page=n)
    ):
        rows.append(nav)
    stock = _("✅ In stock only") if draft.in_stock else _("📦 In stock only")
    rows.append(
        [
            button(_("↕️ Sort"), ResultsCb(action=ResultsAct.SORT)),
            button(stock, ResultsCb(action=ResultsAct.STOCK)),
        ]
    )
    rows.append([button(_("🔎 New search"), ResultsCb(action=ResultsAct.WORDS))])
    rows.append([shop_button(), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def sort_kb(current: SortBy, with_words: bool) -> InlineKeyboardMarkup:
    rows = [
        [button(("✓ " if sort is current else "") + sort_label(sort), SortCb(sort=sort))]
        for sort in SortBy
        if with_words or sort is not SortBy.RELEVANCE
    ]
    rows.append([button(_("⬅️ Back"), ResultsCb(action=ResultsAct.BACK))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def search_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("🔎 Search"), ResultsCb(action=ResultsAct.WORDS))],
            [shop_button(), home_button()],
        ]
    )
