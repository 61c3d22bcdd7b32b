"""Recently viewed: the last products a buyer opened, newest first, as long as they chose
(Settings), a guest's too; signing in carries a guest's list over to the account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Product, RecentlyViewed, User
from bot.db.uow import UnitOfWork
from bot.services.browse.rules import BrowseRules
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class RecentList:
    page: Page[tuple[Product, datetime]]  # each product with when it was last opened
    limit: int  # how many the list keeps


async def record_view(
    uow: UnitOfWork, viewer: User, product_id: int, now: datetime, rules: BrowseRules
) -> None:
    """Inside the caller's transaction: the product moves to the top; the oldest beyond the
    buyer's length go."""
    row = await uow.recently_viewed.get(viewer.id, product_id)
    if row is None:
        uow.recently_viewed.add(
            RecentlyViewed(user_id=viewer.id, product_id=product_id, viewed_at=now)
        )
        await uow.recently_viewed.flush()
        await uow.recently_viewed.trim(viewer.id, rules.recent_limit(viewer.recent_limit))
    else:
        row.viewed_at = now


async def recent_list(uow: UnitOfWork, viewer: User, number: int, rules: BrowseRules) -> RecentList:
    async with uow:
        total = await uow.recently_viewed.count(viewer.id)

        async def fetch(offset: int, limit: int) -> list[tuple[Product, datetime]]:
            return await uow.recently_viewed.page(viewer.id, offset, limit)

        page = await page_of(total, number, rules.recent_page_size, fetch)
        return RecentList(page, rules.recent_limit(viewer.recent_limit))


async def forget_view(
    uow: UnitOfWork, viewer: User, product_id: int, number: int, rules: BrowseRules
) -> RecentList:
    """Remove one product from the list (gone already: nothing to do); the page it leaves."""
    async with uow:
        await uow.recently_viewed.remove(viewer.id, product_id)
        await uow.commit()
    return await recent_list(uow, viewer, number, rules)


async def clear_views(uow: UnitOfWork, viewer: User, rules: BrowseRules) -> RecentList:
    async with uow:
        await uow.recently_viewed.clear(viewer.id)
        await uow.commit()
    return await recent_list(uow, viewer, 0, rules)


async def set_recent_limit(
    uow: UnitOfWork, viewer: User, limit: int, rules: BrowseRules
) -> RecentList:
    """The buyer's choice among `rules.recent_choices` (anything else: the default); the
    list is cut to it at once. Returns the list as it is now."""
    async with uow:
        user = await uow.users.by_id(viewer.id)
        chosen = limit if limit in rules.recent_choices else None
        if user is not None:
            user.recent_limit = chosen
            await uow.recently_viewed.trim(user.id, rules.recent_limit(chosen))
            await uow.commit()
        viewer.recent_limit = chosen
    return await recent_list(uow, viewer, 0, rules)


async def merge_views(uow: UnitOfWork, guest: User, account: User, keep: int) -> None:
    """Inside the caller's transaction (signing in): the guest's views join the account's;
    a product in both keeps the later time; the list is cut to `keep`."""
    theirs = await uow.recently_viewed.of_user(guest.id)
    if not theirs:
        return  # the usual sign-in: one statement
    mine = {row.product_id: row for row in await uow.recently_viewed.of_user(account.id)}
    for row in theirs:
        kept = mine.get(row.product_id)
        if kept is None:
            uow.recently_viewed.add(
                RecentlyViewed(
                    user_id=account.id, product_id=row.product_id, viewed_at=row.viewed_at
                )
            )
        elif row.viewed_at > kept.viewed_at:
            kept.viewed_at = row.viewed_at
    await uow.recently_viewed.clear(guest.id)
    await uow.recently_viewed.flush()
    await uow.recently_viewed.trim(account.id, keep)
