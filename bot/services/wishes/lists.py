"""My wishes as the buyer sees them: the lists, a page of one list, an item's card, and the
moves on them (create, rename, delete with the items moved or removed; add from a product
card, move, copy, remove). Every lookup goes through the buyer's id; each move returns the
screen it leaves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Product, Store, WishItem, WishList
from bot.db.uow import UnitOfWork
from bot.services.paging import Page, page_of
from bot.services.wishes.errors import (
    AlreadyInList,
    DefaultListFixed,
    ListLimitReached,
    ListNameTaken,
    WishItemNotFound,
    WishListNotFound,
    WishProductNotFound,
)
from bot.services.wishes.rules import LISTS_MAX, check_list_name

DEFAULT_LIST = 0  # a button's list id for the default list, before it exists


@dataclass(frozen=True)
class ListSummary:
    wish_list: WishList
    count: int


@dataclass(frozen=True)
class WishLists:
    """The overview: every list with how many items it holds (the default list first)."""

    lists: list[ListSummary]
    can_create: bool


@dataclass(frozen=True)
class WishLine:
    item: WishItem
    product: Product
    store: Store


@dataclass(frozen=True)
class ListScreen:
    wish_list: WishList
    page: Page[WishLine]


@dataclass(frozen=True)
class ListDeletion:
    """Deleting a themed list: its items and the lists they could move to."""

    wish_list: WishList
    count: int
    others: list[WishList]


@dataclass(frozen=True)
class WishCard:
    """One item: its product and prices, what it follows, and the lists it could go to."""

    line: WishLine
    wish_list: WishList
    others: list[WishList]


@dataclass(frozen=True)
class WishAdded:
    wish_list: WishList
    product: Product
    already: bool  # it was in that list before


@dataclass(frozen=True)
class ListPicker:
    """Themed lists exist: which one should the product go to?"""

    product: Product
    lists: list[WishList]
    holding: set[int]  # lists that hold the product already


async def _default_list(uow: UnitOfWork, user_id: int, now: datetime) -> WishList:
    """The buyer's default list, made on first use."""
    found = await uow.wishes.default_list(user_id)
    if found is None:
        found = WishList(user_id=user_id, name=None, is_default=True, created_at=now)
        uow.wishes.add(found)
        await uow.wishes.flush()
    return found


async def _list(uow: UnitOfWork, user_id: int, list_id: int, now: datetime) -> WishList:
    if list_id == DEFAULT_LIST:
        return await _default_list(uow, user_id, now)
    found = await uow.wishes.list_for(user_id, list_id)
    if found is None:
        raise WishListNotFound(list_id=list_id)
    return found


async def _themed(uow: UnitOfWork, user_id: int, list_id: int) -> WishList:
    found = await uow.wishes.list_for(user_id, list_id)
    if found is None:
        raise WishListNotFound(list_id=list_id)
    if found.is_default:
        raise DefaultListFixed()
    return found


async def _overview(uow: UnitOfWork, user_id: int, now: datetime) -> WishLists:
    await _default_list(uow, user_id, now)
    lists = await uow.wishes.lists_of(user_id)
    counts = await uow.wishes.item_counts(user_id)
    summaries = [ListSummary(each, counts.get(each.id, 0)) for each in lists]
    return WishLists(summaries, can_create=len(lists) - 1 < LISTS_MAX)


async def wish_lists(uow: UnitOfWork, user_id: int, now: datetime) -> WishLists:
    async with uow:
        overview = await _overview(uow, user_id, now)
        await uow.commit()  # the default list, when this was the first look
        return overview


async def _page(uow: UnitOfWork, wish_list: WishList, number: int, size: int) -> ListScreen:
    total = await uow.wishes.count_in(wish_list.id)

    async def fetch(offset: int, limit: int) -> list[WishLine]:
        rows = await uow.wishes.rows_in(wish_list.id, offset, limit)
        return [WishLine(*row) for row in rows]

    return ListScreen(wish_list, await page_of(total, number, size, fetch))


async def list_screen(
    uow: UnitOfWork, user_id: int, list_id: int, number: int, size: int, now: datetime
) -> ListScreen:
    async with uow:
        wish_list = await _list(uow, user_id, list_id, now)
        screen = await _page(uow, wish_list, number, size)
        await uow.commit()
        return screen


async def _check_name_free(uow: UnitOfWork, user_id: int, name: str, keep: int = 0) -> None:
    for each in await uow.wishes.lists_of(user_id):
        if each.id != keep and (each.name or "").casefold() == name.casefold():
            raise ListNameTaken(name=each.name or name)


async def create_list(
    uow: UnitOfWork, user_id: int, typed: str, number: int, size: int, now: datetime
) -> ListScreen:
    """A new themed list with the typed name; returns it (empty) to show."""
    name = check_list_name(typed)
    async with uow:
        await _default_list(uow, user_id, now)
        lists = await uow.wishes.lists_of(user_id)
        if len(lists) - 1 >= LISTS_MAX:
            raise ListLimitReached(limit=LISTS_MAX)
        await _check_name_free(uow, user_id, name)
        wish_list = WishList(user_id=user_id, name=name, is_default=False, created_at=now)
        uow.wishes.add(wish_list)
        await uow.wishes.flush()
        screen = await _page(uow, wish_list, number, size)
        await uow.commit()
        return screen


async def check_can_create(uow: UnitOfWork, user_id: int) -> None:
    """Before asking for a name: refuse at once when no more lists can be made."""
    async with uow:
        if len(await uow.wishes.lists_of(user_id)) - 1 >= LISTS_MAX:
            raise ListLimitReached(limit=LISTS_MAX)


async def themed_list(uow: UnitOfWork, user_id: int, list_id: int) -> WishList:
    """A themed list to rename (the default list is refused)."""
    async with uow:
        return await _themed(uow, user_id, list_id)


async def rename_list(
    uow: UnitOfWork, user_id: int, list_id: int, typed: str, size: int
) -> ListScreen:
    name = check_list_name(typed)
    async with uow:
        wish_list = await _themed(uow, user_id, list_id)
        await _check_name_free(uow, user_id, name, keep=wish_list.id)
        wish_list.name = name
        screen = await _page(uow, wish_list, 0, size)
        await uow.commit()
        return screen


async def deletion(uow: UnitOfWork, user_id: int, list_id: int) -> ListDeletion:
    async with uow:
        wish_list = await _themed(uow, user_id, list_id)
        count = await uow.wishes.count_in(wish_list.id)
        others = [each for each in await uow.wishes.lists_of(user_id) if each.id != list_id]
        return ListDeletion(wish_list, count, others)


async def delete_list(
    uow: UnitOfWork, user_id: int, list_id: int, into_id: int | None, now: datetime
) -> WishLists:
    """Delete a themed list; its items go to list `into_id`, or are removed with it (None)."""
    async with uow:
        wish_list = await _themed(uow, user_id, list_id)
        if into_id is not None:
            into = await _list(uow, user_id, into_id, now)
            if into.id == wish_list.id:
                raise WishListNotFound(list_id=into_id)
            await uow.wishes.move_all(wish_list.id, into.id)
        await uow.wishes.delete_list(wish_list)
        overview = await _overview(uow, user_id, now)
        await uow.commit()
        return overview


# --- adding from a product card -----------------------------------------------------------


async def _product(uow: UnitOfWork, product_id: int) -> Product:
    product = await uow.products.get(product_id)
    if product is None:
        raise WishProductNotFound(product_id=product_id)
    return product


async def _put(
    uow: UnitOfWork, user_id: int, wish_list: WishList, product: Product, now: datetime
) -> WishAdded:
    if await uow.wishes.item_in(wish_list.id, product.id) is not None:
        return WishAdded(wish_list, product, already=True)
    uow.wishes.add(
        WishItem(
            list_id=wish_list.id,
            user_id=user_id,
            product_id=product.id,
            added_at=now,
            added_price_minor=product.price_minor,
            added_currency=product.currency,
            back_in_stock=False,
            price_alerted=False,
            stock_alerted=False,
        )
    )
    await uow.wishes.flush()
    return WishAdded(wish_list, product, already=False)


async def add_wish(
    uow: UnitOfWork, user_id: int, product_id: int, now: datetime
) -> WishAdded | ListPicker:
    """Add to wishes from a card: into the default list, or ask which list when the buyer
    has themed lists."""
    async with uow:
        product = await _product(uow, product_id)
        default = await _default_list(uow, user_id, now)
        lists = await uow.wishes.lists_of(user_id)
        if len(lists) > 1:
            holding = set(await uow.wishes.list_ids_with(user_id, product.id))
            await uow.commit()
            return ListPicker(product, lists, holding)
        added = await _put(uow, user_id, default, product, now)
        await uow.commit()
        return added


async def add_to_list(
    uow: UnitOfWork, user_id: int, product_id: int, list_id: int, size: int, now: datetime
) -> tuple[WishAdded, ListScreen]:
    """Add to the list picked; returns what happened and the list's first page to show."""
    async with uow:
        product = await _product(uow, product_id)
        wish_list = await _list(uow, user_id, list_id, now)
        added = await _put(uow, user_id, wish_list, product, now)
        screen = await _page(uow, wish_list, 0, size)
        await uow.commit()
        return added, screen


# --- an item ------------------------------------------------------------------------------


async def read_card(uow: UnitOfWork, user_id: int, item_id: int) -> WishCard:
    row = await uow.wishes.row_for(user_id, item_id)
    if row is None:
        raise WishItemNotFound(item_id=item_id)
    item = row[0]
    lists = await uow.wishes.lists_of(user_id)
    here = next(each for each in lists if each.id == item.list_id)
    others = [each for each in lists if each.id != item.list_id]
    return WishCard(WishLine(*row), here, others)


async def wish_card(uow: UnitOfWork, user_id: int, item_id: int) -> WishCard:
    async with uow:
        return await read_card(uow, user_id, item_id)


async def move_item(
    uow: UnitOfWork, user_id: int, item_id: int, to_list_id: int, now: datetime
) -> WishCard:
    """The item goes to another list (with its price when added and its alerts); returns its
    card there."""
    async with uow:
        card = await read_card(uow, user_id, item_id)
        target = await _list(uow, user_id, to_list_id, now)
        item = card.line.item
        if target.id != item.list_id:
            if await uow.wishes.item_in(target.id, item.product_id) is not None:
                raise AlreadyInList(name=target.name)
            item.list_id = target.id
            await uow.wishes.flush()
        moved = await read_card(uow, user_id, item_id)
        await uow.commit()
        return moved


async def copy_item(
    uow: UnitOfWork, user_id: int, item_id: int, to_list_id: int, now: datetime
) -> tuple[WishCard, WishList]:
    """A copy in another list, with the same price when added (the alerts stay with the
    original, so one drop is pushed once); returns the original's card and the target."""
    async with uow:
        card = await read_card(uow, user_id, item_id)
        target = await _list(uow, user_id, to_list_id, now)
        item = card.line.item
        if await uow.wishes.item_in(target.id, item.product_id) is not None:
            raise AlreadyInList(name=target.name)
        uow.wishes.add(
            WishItem(
                list_id=target.id,
                user_id=user_id,
                product_id=item.product_id,
                added_at=item.added_at,
                added_price_minor=item.added_price_minor,
                added_currency=item.added_currency,
                back_in_stock=False,
                price_alerted=False,
                stock_alerted=False,
            )
        )
        await uow.wishes.flush()
        await uow.commit()
        return card, target


async def remove_item(
    uow: UnitOfWork, user_id: int, item_id: int, number: int, size: int
) -> ListScreen:
    """Remove the item; returns the page of its list it was on (clamped)."""
    async with uow:
        card = await read_card(uow, user_id, item_id)
        await uow.wishes.delete_item(card.line.item)
        screen = await _page(uow, card.wish_list, number, size)
        await uow.commit()
        return screen
