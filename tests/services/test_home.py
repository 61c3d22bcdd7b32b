"""The home screen's read model: a guest is offered ways in, an account sees its summary."""

from __future__ import annotations

from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.feedback.rules import FeedbackRules
from bot.services.home import first_visit_home, home_screen
from tests.conftest import START
from tests.factories import make_buyer, make_order


async def test_a_guest_gets_no_summary_and_an_account_its_counts(uow: UnitOfWork) -> None:
    guest = await make_buyer(uow, 1001, START, registered=False)
    anna = await make_buyer(uow, 1002, START, name="Anna")
    await make_order(uow, anna, START, status=OrderStatus.AWAITING_PAYMENT)
    await make_order(uow, anna, START, status=OrderStatus.SHIPPED, shipped_days_ago=2)

    as_guest = await home_screen(uow, guest, START, FeedbackRules())
    as_account = await home_screen(uow, anna, START, FeedbackRules())

    assert as_guest.summary is None  # the guest keyboard: sign in, not the sections
    assert as_account.first_name == "Anna" and as_account.summary is not None
    summary = as_account.summary
    assert (summary.to_pay, summary.to_receive, summary.total) == (1, 1, 2)


async def test_the_first_visit_is_remembered_once(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)

    async with uow:
        user = await uow.users.by_id(anna.id)  # the setter changes the row of this session
        assert user is not None and user.onboarded_at is None
        screen = await first_visit_home(uow, user, START, FeedbackRules())
        assert user.onboarded_at == START and screen.summary is not None
        await first_visit_home(uow, user, START.replace(hour=13), FeedbackRules())
        assert user.onboarded_at == START
