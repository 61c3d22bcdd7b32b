"""The message center with a fixed clock: conversations by store and by order with unread
counts, notice folders, and the blacklist hiding a store and never pushing it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db.enums import MessageSender, NoticeFolder, OrderStatus
from bot.db.models import OutboxMessage
from bot.db.uow import UnitOfWork
from bot.services.errors import NoticeConflict, StoreUnavailable
from bot.services.messages import center as mc
from bot.services.messages import conversation as messages
from bot.services.messages.center import NoticeSpec
from bot.services.orders import sync as order_sync
from tests.conftest import START
from tests.factories import make_buyer, make_order

MINUTE = timedelta(minutes=1)


async def _kinds(uow: UnitOfWork) -> list[str]:
    async with uow:
        query = select(OutboxMessage.kind).order_by(OutboxMessage.id)
        return list(await uow.session.scalars(query))


async def _setup(uow: UnitOfWork):
    anna = await make_buyer(uow, 1001, START, external_id="b-1")
    shop = await make_order(uow, anna, START, status=OrderStatus.SHIPPED, number="81000000000001")
    other = await make_order(
        uow, anna, START, status=OrderStatus.SHIPPED, number="81000000000002", store_name="Baseus"
    )
    again = await make_order(
        uow, anna, START, status=OrderStatus.COMPLETED, number="81000000000003"
    )
    await order_sync.add_seller_message(uow, shop.number, "m1", "Shipped!", START, START)
    await order_sync.add_seller_message(uow, other.number, "m2", "Hello", START + MINUTE, START)
    await order_sync.add_seller_message(
        uow, again.number, "m3", "Rate us", START + 2 * MINUTE, START
    )
    await messages.send_to_seller(uow, anna.id, shop.id, "Thanks", START + 3 * MINUTE)
    return anna, shop, other, again


async def test_conversations_by_store_and_by_order_with_unread_counts(uow: UnitOfWork) -> None:
    anna, shop, other, again = await _setup(uow)

    by_store = await mc.conversations_by_store(uow, anna.id)
    assert [(c.store_id, c.latest.text, c.unread, c.orders) for c in by_store] == [
        (shop.store_id, "Thanks", 2, 2),
        (other.store_id, "Hello", 1, 1),
    ]
    by_order = await mc.conversations_by_order(uow, anna.id)
    assert [(c.order.id, c.unread) for c in by_order] == [
        (shop.id, 1),
        (again.id, 1),
        (other.id, 1),
    ]
    assert (await mc.inbox(uow, anna.id)).conversations == 3

    assert await mc.mark_store_read(uow, anna.id, shop.store_id, START) == 2
    assert (await mc.inbox(uow, anna.id)).conversations == 1


async def test_a_blocked_store_is_hidden_and_never_pushed_until_unblocked(uow: UnitOfWork) -> None:
    anna, shop, other, _ = await _setup(uow)
    assert await _kinds(uow) == ["seller_message"] * 3

    await mc.block_store(uow, anna.id, shop.store_id, START)
    await mc.block_store(uow, anna.id, shop.store_id, START)  # twice is once
    await order_sync.add_seller_message(uow, shop.number, "m4", "Buy more", START, START)
    await order_sync.add_seller_message(
        uow, shop.number, "m5", "Parcel delayed", START, START, MessageSender.PLATFORM
    )
    promo = NoticeSpec("p-1", NoticeFolder.PROMOTION, "s-UGREEN Official Store", "Sale", "-50%")
    await mc.add_notice(uow, anna.id, promo, START)

    assert [c.store_id for c in await mc.conversations_by_store(uow, anna.id)] == [other.store_id]
    assert (await mc.list_notices(uow, anna.id, NoticeFolder.PROMOTION, 0, 10)).page.total == 0
    assert await _kinds(uow) == ["seller_message"] * 4  # only the platform's message
    assert [store.id for store, _ in await mc.blocked_stores(uow, anna.id)] == [shop.store_id]

    assert await mc.unblock_store(uow, anna.id, shop.store_id)
    assert not await mc.unblock_store(uow, anna.id, shop.store_id)
    assert len(await mc.conversations_by_store(uow, anna.id)) == 2
    assert (await mc.list_notices(uow, anna.id, NoticeFolder.PROMOTION, 0, 10)).page.total == 1
    with pytest.raises(StoreUnavailable):
        await mc.block_store(uow, anna.id, 10_000, START)


async def test_notices_are_idempotent_and_in_their_own_folders(uow: UnitOfWork) -> None:
    anna, shop, *_ = await _setup(uow)
    promo = NoticeSpec("p-1", NoticeFolder.PROMOTION, "s-UGREEN Official Store", "Sale", "-50%")
    platform = NoticeSpec("n-1", NoticeFolder.PLATFORM, None, "New rules", "Read them")
    first, created = await mc.add_notice(uow, anna.id, promo, START)
    again, created_again = await mc.add_notice(uow, anna.id, promo, START)
    await mc.add_notice(uow, anna.id, platform, START)
    assert created and not created_again and again.id == first.id
    with pytest.raises(NoticeConflict):
        await mc.add_notice(
            uow, anna.id, NoticeSpec("p-1", NoticeFolder.PLATFORM, None, "x", "y"), START
        )
    with pytest.raises(NoticeConflict):
        await mc.add_notice(
            uow, anna.id, NoticeSpec("p-2", NoticeFolder.PROMOTION, None, "x", "y"), START
        )

    assert (await mc.inbox(uow, anna.id)).folders == {
        NoticeFolder.PROMOTION: 1,
        NoticeFolder.PLATFORM: 1,
    }
    opened = await mc.open_notice(uow, anna.id, first.id, START)
    assert opened is not None and opened.read_at == START
    assert await mc.mark_folder_read(uow, anna.id, NoticeFolder.PLATFORM, START) == 1
    assert (await mc.inbox(uow, anna.id)).folders == {
        NoticeFolder.PROMOTION: 0,
        NoticeFolder.PLATFORM: 0,
    }
    assert (await _kinds(uow))[-2:] == ["promotion", "platform_notice"]


async def test_a_seller_conversation_offers_reporting_once_the_seller_has_written(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START)
    await messages.send_to_seller(uow, anna.id, order.id, "Is it in stock?", START)

    chat = await mc.open_store_conversation(uow, anna.id, order.store_id, START)
    assert not chat.can_report_message
    assert (await mc.reportable_messages(uow, anna.id, order.store_id))[1] == []

    await order_sync.add_seller_message(uow, order.number, "m-1", "Yes", START, START)
    chat = await mc.open_store_conversation(uow, anna.id, order.store_id, START)
    assert chat.can_report_message
    assert [m.text for m in (await mc.reportable_messages(uow, anna.id, order.store_id))[1]] == [
        "Yes"
    ]
