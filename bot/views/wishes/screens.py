"""The texts of My wishes: the lists, a page of a list, an item's card and its questions."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.models import Product, WishItem, WishList
from bot.services.wishes.lists import ListDeletion, ListScreen, WishCard, WishLine, WishLists
from bot.services.wishes.rules import LIST_NAME_MAX_LENGTH, PriceChange, change_since_added
from bot.views import format as fmt

TITLE_LENGTH = 80  # a product title on a list line
STORE_LENGTH = 40


def product_title(product: Product) -> str:
    """The title in the buyer's language, falling back to the default one."""
    titles = product.titles or {}
    return str(titles.get(get_i18n().current_locale) or product.title)


def list_name(wish_list: WishList) -> str:
    """The default list has no name of its own."""
    return wish_list.name if wish_list.name is not None else _("My wishes")


def list_label(wish_list: WishList, limit: int = 40) -> str:
    """A list's name for a button."""
    icon = "❤️" if wish_list.is_default else "📁"
    return f"{icon} {fmt.short(list_name(wish_list), limit)}"


def items_count(count: int) -> str:
    return ngettext("{count} item", "{count} items", count).format(count=fmt.number(count))


def lists_text(overview: WishLists) -> str:
    lines = [_("❤️ <b>My wishes</b>"), ""]
    lines.append(
        _(
            "Products you like but are not buying yet, in lists of your own. Open a list to see "
            "how prices moved and to set price alerts."
        )
    )
    return "\n".join(lines)


def list_button_text(name: str, count: int) -> str:
    # NOTE: a wish list's button: its name and how many items it holds
    return _("{name} ({count})").format(name=name, count=fmt.number(count))


def change_text(change: PriceChange | None, currency: str | None, *, amount: bool) -> str:
    """`📉 −$5.00 (−20 %)`, `📈 +10 %`, or `no change`; empty when it cannot be told."""
    if change is None or currency is None:
        return ""
    if change.minor == 0:
        return _("no change")
    sign = "−" if change.minor < 0 else "+"
    icon = "📉" if change.minor < 0 else "📈"
    percent = f"{sign}{fmt.percent(abs(change.percent))}"
    if not amount:
        return f"{icon} {percent}"
    return f"{icon} {sign}{fmt.money(abs(change.minor), currency)} ({percent})"


def _now_text(product: Product) -> str:
    if product.price_minor is None or product.currency is None:
        return _("price unknown")
    return fmt.paid(product.price_minor, product.currency)


def _was_text(item: WishItem) -> str:
    if item.added_price_minor is None or item.added_currency is None:
        return "—"
    return fmt.paid(item.added_price_minor, item.added_currency)


def _line(number: int, line: WishLine) -> str:
    title = fmt.quote(fmt.short(product_title(line.product), TITLE_LENGTH))
    store = fmt.quote(fmt.short(line.store.name, STORE_LENGTH))
    head = f"{fmt.number(number)}. <b>{title}</b> — {store}"
    prices = _("Now {now} · when added {was}").format(
        now=_now_text(line.product), was=_was_text(line.item)
    )
    change = change_text(change_since_added(line.item, line.product), "", amount=False)
    if change:
        prices += f" · {change}"
    if line.product.stock is not None and line.product.stock <= 0:
        prices += " · " + _("out of stock")
    return f"{head}\n{prices}"


def list_text(screen: ListScreen) -> str:
    page = screen.page
    head = _("❤️ <b>{name}</b> · {count}").format(
        name=fmt.quote(list_name(screen.wish_list)), count=items_count(page.total)
    )
    if not page.items:
        return (
            head
            + "\n\n"
            + _("This list is empty. Add products from their cards with ❤️ Add to wishes.")
        )
    lines = [_line(page.offset + index + 1, line) for index, line in enumerate(page.items)]
    return head + "\n\n" + "\n\n".join(lines) + fmt.page_note(page)


def item_button_text(number: int, line: WishLine) -> str:
    return f"{fmt.number(number)}. {fmt.short(product_title(line.product), 40)}"


def _alert_lines(item: WishItem) -> list[str]:
    lines = []
    if item.target_price_minor is not None and item.target_currency is not None:
        lines.append(
            _("🎯 Alert when it costs {price} or less").format(
                price=fmt.money(item.target_price_minor, item.target_currency)
            )
        )
    elif item.drop_percent is not None:
        lines.append(
            _("🎯 Alert on any drop of {percent} below the price when added").format(
                percent=fmt.percent(item.drop_percent)
            )
        )
    if item.back_in_stock:
        lines.append(_("📦 Alert when back in stock"))
    if not lines:
        lines.append(_("🔕 No alerts: set a target price or a drop to hear of it."))
    return lines


def card_text(card: WishCard, tz: tzinfo) -> str:
    item, product, store = card.line.item, card.line.product, card.line.store
    lines = [
        f"❤️ <b>{fmt.quote(fmt.short(product_title(product), 300))}</b>",
        _("🏪 {store}").format(store=fmt.quote(fmt.short(store.name, 100))),
        _("List: {name}").format(name=fmt.quote(list_name(card.wish_list))),
        "",
        _("Added on {date} at {price}").format(
            date=fmt.day(item.added_at, tz), price=_was_text(item)
        ),
        _("Now: {price}").format(price=_now_text(product)),
    ]
    change = change_text(change_since_added(item, product), product.currency, amount=True)
    if change:
        lines.append(_("Change since: {change}").format(change=change))
    if product.stock is not None and product.stock <= 0:
        lines.append(_("Out of stock"))
    lines.append("")
    lines += _alert_lines(item)
    if product.currency is not None and (note := fmt.rate_note(product.currency)):
        lines.append("")
        lines.append(note)
    return "\n".join(lines)


def name_prompt_text() -> str:
    return _(
        "📁 Send a name for the new list, up to {count} characters (for example, “Gifts” or "
        "“For 11.11”). /cancel keeps things as they are."
    ).format(count=fmt.number(LIST_NAME_MAX_LENGTH))


def rename_prompt_text(wish_list: WishList) -> str:
    return _(
        "✏️ Send a new name for the list <b>{name}</b>, up to {count} characters. /cancel keeps it."
    ).format(name=fmt.quote(list_name(wish_list)), count=fmt.number(LIST_NAME_MAX_LENGTH))


def not_text_text() -> str:
    return _("Please send it as a text message, or /cancel.")


def deletion_text(question: ListDeletion) -> str:
    name = fmt.quote(list_name(question.wish_list))
    if question.count == 0:
        return _("🗑 Delete the empty list <b>{name}</b>?").format(name=name)
    return ngettext(
        "🗑 Delete the list <b>{name}</b>? It holds {count} item: move it to another list "
        "first, or remove it with the list.",
        "🗑 Delete the list <b>{name}</b>? It holds {count} items: move them to another list "
        "first, or remove them with the list.",
        question.count,
    ).format(name=name, count=fmt.number(question.count))


def deleted_toast() -> str:
    return _("🗑 List deleted.")


def added_toast(wish_list: WishList, already: bool) -> str:
    name = fmt.short(list_name(wish_list), 60)
    if already:
        return _("❤️ Already in “{name}”.").format(name=name)
    return _("❤️ Added to “{name}”.").format(name=name)


def picker_text(product: Product) -> str:
    return _("❤️ Which list should <b>{title}</b> go to?").format(
        title=fmt.quote(fmt.short(product_title(product), 200))
    )


def move_text(card: WishCard, copy: bool) -> str:
    title = fmt.quote(fmt.short(product_title(card.line.product), 200))
    if copy:
        return _("📋 Copy <b>{title}</b> to which list?").format(title=title)
    return _("↔️ Move <b>{title}</b> to which list?").format(title=title)


def moved_toast(wish_list: WishList) -> str:
    return _("↔️ Moved to “{name}”.").format(name=fmt.short(list_name(wish_list), 60))


def copied_toast(wish_list: WishList) -> str:
    return _("📋 Copied to “{name}”.").format(name=fmt.short(list_name(wish_list), 60))


def removed_toast() -> str:
    return _("🗑 Removed from your wishes.")


def drop_text(card: WishCard) -> str:
    item = card.line.item
    title = fmt.quote(fmt.short(product_title(card.line.product), 200))
    return _(
        "📉 Tell you when <b>{title}</b> is cheaper than when you added it ({price}) by at least:"
    ).format(title=title, price=_was_text(item))


def target_prompt_text(card: WishCard, currency: str) -> str:
    title = fmt.quote(fmt.short(product_title(card.line.product), 200))
    return _(
        "🎯 Send the price in {currency} at which to tell you about <b>{title}</b> (today: "
        "{price}). /cancel keeps things as they are."
    ).format(currency=currency, title=title, price=_now_text(card.line.product))


def alert_saved_toast() -> str:
    return _("🔔 Alert saved.")


def alert_off_toast() -> str:
    return _("🔕 Price alert off.")
