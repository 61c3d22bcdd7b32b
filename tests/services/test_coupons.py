"""The coupon rules on every database: which tab a coupon is in, in which order, and whose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.uow import UnitOfWork
from bot.services import coupons
from bot.services.coupons import CouponState, CouponTab, coupon_state
from bot.services.errors import CouponNotFound
from bot.services.home import cabinet_summary
from tests.conftest import START
from tests.factories import make_buyer, make_coupon

DAY = timedelta(days=1)


async def test_tabs_split_active_from_used_and_expired_soonest_and_latest_first(
    uow: UnitOfWork,
) -> None:
    user = await make_buyer(uow, 1001, START)
    later = await make_coupon(uow, user, START, title="later", expires_in=9 * DAY)
    sooner = await make_coupon(uow, user, START, title="sooner", expires_in=DAY)
    used = await make_coupon(uow, user, START, title="used", used_days_ago=1)
    expired = await make_coupon(uow, user, START, title="expired", expires_in=-3 * DAY)
    other = await make_buyer(uow, 2002, START)
    await make_coupon(uow, other, START, title="not hers")

    active = await coupons.list_coupons(uow, user.id, CouponTab.ACTIVE, 0, 5, START)
    past = await coupons.list_coupons(uow, user.id, CouponTab.PAST, 0, 5, START)

    assert [c.id for c in active.page.items] == [sooner.id, later.id]
    assert [c.id for c in past.page.items] == [used.id, expired.id]
    assert active.tab_counts == past.tab_counts == {CouponTab.ACTIVE: 2, CouponTab.PAST: 2}
    summary = await cabinet_summary(uow, user.id, START, 30)
    assert summary.coupons == 2

    a_day_on = START + DAY  # `sooner` expires exactly now: it has moved to the other tab
    moved = await coupons.list_coupons(uow, user.id, CouponTab.PAST, 0, 5, a_day_on)
    assert [c.id for c in moved.page.items] == [sooner.id, used.id, expired.id]
    assert coupon_state(sooner, a_day_on) is CouponState.EXPIRED


async def test_a_page_past_the_end_shows_the_last_page(uow: UnitOfWork) -> None:
    user = await make_buyer(uow, 1001, START)
    for days in range(1, 4):
        await make_coupon(uow, user, START, expires_in=days * DAY)

    listing = await coupons.list_coupons(uow, user.id, CouponTab.ACTIVE, 7, 2, START)

    assert (listing.page.number, listing.page.pages, len(listing.page.items)) == (1, 2, 1)


async def test_another_buyers_coupon_is_not_found(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 2002, START)
    borises = await make_coupon(uow, boris, START)

    with pytest.raises(CouponNotFound):
        await coupons.get_coupon(uow, anna.id, borises.id)
    assert (await coupons.get_coupon(uow, boris.id, borises.id)).id == borises.id
