"""Search and Deleted orders through the dispatcher."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.app import build_scheduler
from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import Order
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import OrderAction, OrderCb, TrashAction, TrashCb
from bot.notify.jobs import purge_trash_job
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.conftest import BotHarness, make_settings
from tests.factories import make_buyer, make_order

S = OrderStatus


async def _anna(harness: BotHarness, lang: str = "en"):
    return await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)


async def test_search_by_number_tail_title_and_nothing_found(harness: BotHarness) -> None:
    user = await _anna(harness)
    now = harness.clock.now()
    await make_order(harness.uow(), user, now, title="Yoga mat", number="8100000000004321")
    await make_order(harness.uow(), user, now, title="USB-C hub", number="8100000000005555")
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🔎 Search")
    assert "Send an order number" in anna.screen

    await anna.send("4321")
    assert "1 order found for «4321»" in anna.screen
    assert "Yoga mat" in anna.screen and "USB-C hub" not in anna.screen

    await anna.send("usb-c")
    assert "USB-C hub" in anna.screen

    await anna.send("teapot")
    assert anna.screen == "🔎 Nothing found for «teapot». Check the number or try another word."

    await anna.send("x")
    assert anna.screen == "Type at least 2 characters to search."


async def test_search_pages_and_back_from_a_card_return_to_the_results(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    for day in range(7):
        await make_order(
            harness.uow(), user, harness.clock.now(), title=f"Cable {day}", days_ago=day
        )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🔎 Search")
    await anna.send("cable")
    assert "7 orders found" in anna.screen and "Page 1 of 2" in anna.screen

    await anna.press("Next ▶️")
    assert "Cable 6" in anna.screen
    await anna.press("💳 Cable 6 · $24.50")
    await anna.press("⬅️ Back")
    assert "Page 2 of 2" in anna.screen and "Cable 6" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_html_in_a_search_query_is_shown_as_text(harness: BotHarness) -> None:
    await _anna(harness)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🔎 Search")
    await anna.send("<b>x</b> & co")
    assert (
        anna.screen == "🔎 Nothing found for «<b>x</b> & co». Check the number or try another word."
    )


async def test_a_deleted_order_found_by_search_says_where_it_is(harness: BotHarness) -> None:
    user = await _anna(harness)
    await make_order(
        harness.uow(),
        user,
        harness.clock.now(),
        status=S.COMPLETED,
        title="Old lamp",
        number="8100000000007777",
        deleted_days_ago=2,
    )
    anna = harness.buyer()
    await anna.send("/orders")
    assert "1 deleted order is in Deleted orders, not in this list." in anna.screen
    await anna.press("🔎 Search")
    await anna.send("7777")
    assert "This order is in Deleted orders" in anna.screen

    await anna.press("♻️ Restore №8100000000007777")

    assert anna.last_answer["text"] == "♻️ Order №8100000000007777 is back in My orders."
    assert "Status: ✅ Completed" in anna.screen


async def test_deleting_an_order_moves_it_to_the_trash_with_undo(harness: BotHarness) -> None:
    user = await _anna(harness)
    await make_order(harness.uow(), user, harness.clock.now(), status=S.COMPLETED, title="Mug")
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("✅ Mug · $24.50")

    await anna.press("🗑 Delete order")
    assert "moved to Deleted orders" in anna.screen
    assert "It stays there until you restore it or delete it forever." in anna.screen

    await anna.press("↩️ Undo")
    assert "Status: ✅ Completed" in anna.screen
    await anna.press("⬅️ Back")
    assert "Mug" in anna.screen


async def test_an_unfinished_order_cannot_be_deleted_and_the_buyer_is_told_why(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    order = await make_order(
        harness.uow(),
        user,
        harness.clock.now(),
        status=S.SHIPPED,
        title="Kettle",
        shipped_days_ago=2,
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Kettle · $24.50")
    card = anna.screen
    # Delete is offered only where it can work: not on an order still on its way.
    assert ["🗑 Delete order"] not in anna.buttons

    await anna.press_data(OrderCb(action=OrderAction.DELETE, order_id=order.id).pack())

    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        "Only completed or closed orders can be deleted. This order is: Shipped. "
        "Confirm receipt when it arrives, then you can delete it."
    )
    assert anna.screen == card


async def test_trash_lists_purge_dates_restores_and_deletes_forever(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(trash_retention_days=30)  # an operator configured a purge
    user = await _anna(harness)
    now = harness.clock.now()
    await make_order(harness.uow(), user, now, status=S.COMPLETED, title="Mug", deleted_days_ago=1)
    await make_order(harness.uow(), user, now, status=S.CLOSED, title="Vase", deleted_days_ago=3)
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🗑 Deleted orders")
    assert "2 orders." in anna.screen
    assert "removed on Dec 25, 2026" in anna.screen
    assert "removed on Dec 23, 2026" in anna.screen

    await anna.press("🗑 Vase")
    await anna.press("❌ Delete forever")
    assert "cannot be restored" in anna.screen
    await anna.press("⬅️ Keep it")
    await anna.press("❌ Delete forever")
    await anna.press("❌ Yes, delete forever")
    assert anna.last_answer["text"].endswith("deleted forever.")
    assert "Vase" not in anna.screen and "Mug" in anna.screen

    await anna.press("🗑 Mug")
    await anna.press("♻️ Restore")
    await anna.press("🏠 My cabinet")
    await anna.press("🗑 Deleted orders")
    assert "The trash is empty" in anna.screen
    assert_every_callback_answered_once(harness.server)
    await harness.bot.session.close()


async def test_a_stale_restore_button_after_delete_forever_says_not_found(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    order = await make_order(
        harness.uow(), user, harness.clock.now(), status=S.COMPLETED, deleted_days_ago=1
    )
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press_data(TrashCb(action=TrashAction.PURGE, order_id=order.id).pack())
    await anna.press_data(TrashCb(action=TrashAction.RESTORE, order_id=order.id).pack())
    assert anna.last_answer["text"] == ("This order is not available. It may have been deleted.")


async def test_the_purge_job_empties_the_trash_after_retention(harness: BotHarness) -> None:
    user = await _anna(harness)
    await make_order(
        harness.uow(),
        user,
        harness.clock.now(),
        status=S.COMPLETED,
        title="Mug",
        deleted_days_ago=1,
    )
    anna = harness.buyer()
    factory = harness.database.session_factory

    assert await purge_trash_job(factory, harness.clock, 30) == 0
    harness.clock.advance(timedelta(days=29, seconds=1))
    assert await purge_trash_job(factory, harness.clock, 30) == 1

    await anna.send("/start")
    await anna.press("🗑 Deleted orders")
    assert "The trash is empty" in anna.screen


async def _disputed_order(harness: BotHarness, user, status: S = S.COMPLETED):
    order = await make_order(
        harness.uow(), user, harness.clock.now(), status=status, title="Vase", shipped_days_ago=8
    )
    spec = DisputeSpec(DisputeReason.DAMAGED, None, False, "Arrived broken")
    await disputes.open_dispute(
        harness.uow(), user, order.id, spec, harness.clock.now(), DisputeRules()
    )
    return order


async def test_by_default_deleted_orders_stay_until_the_buyer_deletes_them(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    await make_order(
        harness.uow(),
        user,
        harness.clock.now(),
        status=S.COMPLETED,
        title="Mug",
        deleted_days_ago=400,
    )
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🗑 Deleted orders")
    assert "1 order. It stays here until you restore it or delete it forever." in anna.screen
    assert "removed on" not in anna.screen

    await anna.press("🗑 Mug")
    assert "It stays here until you restore it or delete it forever." in anna.screen
    assert "removed for good" not in anna.screen
    assert sum(anna.buttons, []).count("❌ Delete forever") == 1

    default = build_scheduler(harness.settings, harness.database, harness.clock)
    configured = build_scheduler(
        make_settings(trash_retention_days=30), harness.database, harness.clock
    )
    assert default.get_job("purge_trash") is None
    assert configured.get_job("purge_trash") is not None


async def test_an_order_in_dispute_offers_no_delete_and_a_forged_delete_names_the_dispute(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    order = await _disputed_order(harness, user)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("✅ Vase · $24.50")
    assert "Dispute: " in anna.screen
    assert "🗑 Delete order" not in sum(anna.buttons, [])

    await anna.press_data(OrderCb(action=OrderAction.DELETE, order_id=order.id).pack())

    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        "This order's dispute is open (Waiting for the seller). You can delete the order once "
        "the dispute ends; deleting it now would erase your claim."
    )
    await anna.send("/orders")
    assert "Vase" in str(anna.buttons)
    assert_every_callback_answered_once(harness.server)


async def test_a_trashed_order_whose_dispute_is_open_cannot_be_deleted_forever(
    harness: BotHarness,
) -> None:
    user = await _anna(harness)
    order = await _disputed_order(harness, user)
    async with harness.uow() as uow:  # trashed before disputes kept orders out of the trash
        row = await uow.session.get(Order, order.id)
        assert row is not None
        row.deleted_at = harness.clock.now()
        await uow.commit()
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🗑 Deleted orders")
    assert "kept while its dispute is open" in anna.screen
    await anna.press("🗑 Vase")
    assert "Its dispute is still open" in anna.screen
    assert "❌ Delete forever" not in sum(anna.buttons, [])

    await anna.press_data(TrashCb(action=TrashAction.PURGE, order_id=order.id).pack())
    assert anna.last_answer["text"].startswith("This order's dispute is open")
    await anna.press("♻️ Restore")
    assert "Status: ✅ Completed" in anna.screen


async def test_the_dispute_refusals_are_told_in_russian(harness: BotHarness) -> None:
    user = await _anna(harness, "ru")
    order = await _disputed_order(harness, user)
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")

    await anna.press_data(OrderCb(action=OrderAction.DELETE, order_id=order.id).pack())

    assert anna.last_answer["text"] == (
        "По заказу открыт спор (Ждёт ответа продавца). Удалить заказ можно, когда спор "
        "завершится: удаление сейчас стёрло бы вашу претензию."
    )
