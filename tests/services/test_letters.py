"""The message center's after-sale letters: only letters to the buyer count (never their own),
opening reads them, another buyer's id reads nothing, and replies to feedback count once."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import DisputeReason, MessageSender, OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.messages import center as message_center
from bot.services.messages import letters
from tests.conftest import START
from tests.factories import make_buyer, make_order

RULES = DisputeRules()


async def test_letters_count_until_opened_and_only_for_their_buyer(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 1002, START)
    order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED, days_ago=10)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", ())
    dispute = (await disputes.open_dispute(uow, anna, order.id, spec, START, RULES)).dispute
    await disputes.add_message(uow, anna.id, dispute.id, "Where is it?", (), START)
    for n, author in enumerate((MessageSender.SELLER, MessageSender.PLATFORM)):
        await dispute_sync.post_message(uow, dispute.id, author, f"x-{n}", "Hi", (), START)
    lamp = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    rules = FeedbackRules()
    await feedback.leave_feedback(uow, anna.id, lamp.id, Ratings(5, 5, 5, 5), "", [], START, rules)

    assert await letters.letter_counts(uow, anna.id) == letters.LetterCounts(2, 0)
    await feedback_sync.seller_reply(uow, lamp.number, "Thanks", START)
    assert (await message_center.inbox(uow, anna.id)).total == 3
    threads = await letters.dispute_threads(uow, anna.id, 0, 10)
    assert [(t.dispute.id, t.unread, t.latest.author) for t in threads.page.items] == [
        (dispute.id, 2, MessageSender.PLATFORM)
    ]
    assert (await letters.dispute_threads(uow, boris.id, 0, 10)).page.total == 0

    assert await letters.mark_dispute_read(uow, boris.id, dispute.id, START) == 0
    assert await letters.mark_reply_read(uow, boris.id, lamp.id, START) is False
    assert await letters.letter_counts(uow, anna.id) == letters.LetterCounts(2, 1)
    assert await letters.mark_dispute_read(uow, anna.id, dispute.id, START) == 2
    assert await letters.mark_reply_read(uow, anna.id, lamp.id, START) is True
    assert await letters.letter_counts(uow, anna.id) == letters.LetterCounts(0, 0)
    replies = await letters.feedback_replies(uow, anna.id, 0, 10)
    assert [(f.seller_reply, o.id) for f, o in replies.page.items] == [("Thanks", lamp.id)]


async def test_dispute_threads_page_by_their_latest_letter_with_unread_counts(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", ())
    opened = []
    for _ in range(3):
        order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED, days_ago=10)
        opened.append(
            (await disputes.open_dispute(uow, anna, order.id, spec, START, RULES)).dispute
        )
    # The first dispute gets the latest letter; the second three; the third none.
    letters_of = [(opened[1], "b-1"), (opened[1], "b-2"), (opened[1], "b-3"), (opened[0], "a-1")]
    for minutes, (dispute, key) in enumerate(letters_of):
        at = START + timedelta(minutes=minutes)
        await dispute_sync.post_message(uow, dispute.id, MessageSender.SELLER, key, key, (), at)
    await letters.mark_dispute_read(uow, anna.id, opened[0].id, START)

    first = await letters.dispute_threads(uow, anna.id, 0, 1)
    second = await letters.dispute_threads(uow, anna.id, 1, 1)

    assert first.page.total == second.page.total == 2  # a dispute without letters is no thread
    assert [(t.dispute.id, t.latest.text, t.unread) for t in first.page.items] == [
        (opened[0].id, "a-1", 0)
    ]
    assert [(t.dispute.id, t.latest.text, t.unread) for t in second.page.items] == [
        (opened[1].id, "b-3", 3)
    ]
    assert first.page.items[0].order.store is not None  # loaded for the list line
