"""Properties of the dispute rules: refunds never above what was paid nor at or below zero,
the eligibility window exactly as configured, and a state machine with no way out of the end."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.db.enums import DisputeReason, DisputeStatus, OrderStatus
from bot.db.models import Dispute, Order
from bot.services.disputes import rules as dispute_rules
from bot.services.disputes.rules import (
    CLOSED,
    TRANSITIONS,
    DisputeAction,
    DisputeRefusal,
    DisputeRules,
    eligibility,
)
from bot.services.errors import DisputeMoveRefused, RefundAmountInvalid
from bot.views.disputes.errors import dispute_error_text
from tests.conftest import START

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def _order(status: OrderStatus, total: int = 2450, *, paid: bool = True) -> Order:
    order = Order(status=status, total_minor=total, currency="USD")
    order.paid_at = START if paid else None
    order.shipped_at = START + DAY if status is not OrderStatus.AWAITING_SHIPMENT else None
    order.delivered_at = None
    order.completed_at = START + 20 * DAY if status is OrderStatus.COMPLETED else None
    return order


@given(total=st.integers(0, 10**9), amount=st.integers(-(10**9), 2 * 10**9))
def test_a_refund_is_accepted_exactly_when_above_zero_and_at_most_paid(
    total: int, amount: int
) -> None:
    order = _order(OrderStatus.SHIPPED, total)
    if 0 < amount <= total:
        assert dispute_rules.check_refund(amount, order) == amount
    else:
        with pytest.raises(RefundAmountInvalid):
            dispute_rules.check_refund(amount, order)


@given(total=st.integers(1, 10**9))
def test_the_full_refund_is_what_was_paid_and_nothing_when_unpaid(total: int) -> None:
    assert dispute_rules.paid_minor(_order(OrderStatus.SHIPPED, total)) == total
    unpaid = _order(OrderStatus.SHIPPED, total, paid=False)
    assert dispute_rules.paid_minor(unpaid) == 0
    with pytest.raises(RefundAmountInvalid):
        dispute_rules.check_refund(total, unpaid)


@given(
    opens=st.integers(0, 30),
    closes=st.integers(1, 60),
    offset=st.integers(-100 * 86400, 100 * 86400),
    reason=st.sampled_from(DisputeReason),
)
def test_the_window_opens_n_days_after_shipment_and_closes_m_days_after_completion(
    opens: int, closes: int, offset: int, reason: DisputeReason
) -> None:
    rules = DisputeRules(opens_days_after_shipment=opens, closes_days_after_completion=closes)
    order = _order(OrderStatus.COMPLETED)
    assert order.shipped_at is not None and order.completed_at is not None
    start = order.shipped_at + opens * DAY
    end = order.completed_at + closes * DAY
    now = START + timedelta(seconds=offset)

    result = eligibility(order, now, rules, reason=reason)

    expected = None
    if now < start:
        expected = DisputeRefusal.TOO_EARLY
    elif now >= end:
        expected = DisputeRefusal.WINDOW_CLOSED
    assert result.refusal is expected
    assert (result.opens_at, result.closes_at) == (start, end)


@given(days_since_shipment=st.integers(0, 10), reason=st.sampled_from(DisputeReason))
def test_delivery_opens_the_window_only_for_what_the_buyer_sees_in_the_parcel(
    days_since_shipment: int, reason: DisputeReason
) -> None:
    order = _order(OrderStatus.DELIVERED)
    assert order.shipped_at is not None
    order.delivered_at = order.shipped_at + DAY
    now = order.shipped_at + days_since_shipment * DAY

    allowed = eligibility(order, now, DisputeRules()).allowed
    for_reason = eligibility(order, now, DisputeRules(), reason=reason).allowed

    assert allowed == (days_since_shipment >= 1)
    by_delivery = reason in dispute_rules.DELIVERY_REASONS
    assert for_reason == (days_since_shipment >= (1 if by_delivery else 3))


def test_eligibility_refusals_come_in_order_of_importance() -> None:
    order = _order(OrderStatus.SHIPPED)
    now = START + 10 * DAY
    assert eligibility(order, now, DisputeRules(), disputed=True).refusal is (
        DisputeRefusal.ALREADY_DISPUTED
    )
    assert eligibility(_order(OrderStatus.CLOSED), now, DisputeRules()).refusal is (
        DisputeRefusal.ORDER_CLOSED
    )
    unpaid = _order(OrderStatus.AWAITING_SHIPMENT, paid=False)
    assert eligibility(unpaid, now, DisputeRules()).refusal is DisputeRefusal.NOT_PAID
    assert eligibility(_order(OrderStatus.AWAITING_SHIPMENT), now, DisputeRules()).refusal is (
        DisputeRefusal.NOT_SHIPPED
    )
    assert eligibility(order, now, DisputeRules()).allowed


def test_closed_disputes_allow_nothing_and_every_move_stays_in_the_table() -> None:
    for status, moves in TRANSITIONS.items():
        assert (not moves) == (status in CLOSED)
        for targets in moves.values():
            assert targets <= set(DisputeStatus)


@pytest.mark.parametrize("status", list(DisputeStatus))
@pytest.mark.parametrize("action", list(DisputeAction))
def test_every_move_outside_the_table_is_refused(
    status: DisputeStatus, action: DisputeAction
) -> None:
    dispute = Dispute(id=7, status=status, rejections=0)
    if action in TRANSITIONS[status]:
        dispute_rules.require(dispute, action)
    else:
        with pytest.raises(DisputeMoveRefused) as caught:
            dispute_rules.require(dispute, action)
        assert (caught.value.status, caught.value.action) == (status.value, action.value)


def test_escalation_needs_a_rejection_or_a_missed_seller_deadline() -> None:
    dispute = Dispute(id=1, status=DisputeStatus.AWAITING_SELLER, rejections=0)
    dispute.seller_due_at = START
    assert not dispute_rules.can_escalate(dispute, START - SECOND)
    assert dispute_rules.can_escalate(dispute, START)
    dispute.status = DisputeStatus.AWAITING_BUYER
    dispute.seller_due_at = None
    assert not dispute_rules.can_escalate(dispute, START)
    dispute.rejections = 1
    assert dispute_rules.can_escalate(dispute, START)
    dispute.status = DisputeStatus.AWAITING_RETURN
    assert not dispute_rules.can_escalate(dispute, START)


def test_a_move_on_a_closed_dispute_is_explained_as_closed(i18n) -> None:  # noqa: ANN001
    with i18n.context(), i18n.use_locale("en"):
        for status in ("refunded", "refused", "cancelled"):
            text = dispute_error_text(DisputeMoveRefused(1, status, "escalate"), UTC)
            assert text == "This dispute is closed; nothing can be changed in it any more."
        text = dispute_error_text(DisputeMoveRefused(1, "escalated", "escalate"), UTC)
        assert text == "This cannot be done at this stage of the dispute."
