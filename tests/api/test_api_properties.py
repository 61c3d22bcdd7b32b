"""Property tests over HTTP: the status machine and Idempotency-Key, on random sequences."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.enums import OrderStatus
from bot.services.orders.status import TRANSITIONS
from tests.api.conftest import Api, make_buyer_and_store, order_body

_numbers = itertools.count(1)
SLOW_FIXTURES = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW_FIXTURES
@given(requests=st.lists(st.sampled_from(list(OrderStatus)), min_size=1, max_size=8))
async def test_status_requests_follow_the_machine_exactly(
    api: Api, requests: list[OrderStatus]
) -> None:
    buyer_id = await make_buyer_and_store(api)
    number = f"7{next(_numbers):015d}"
    assert (await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body(number)))[0] == 201
    current = OrderStatus.AWAITING_PAYMENT
    for requested in requests:
        status, body, _ = await api.post(
            f"/api/v1/orders/{number}/status", {"status": requested.value}
        )
        if requested is current or requested in TRANSITIONS[current]:
            assert status == 200, body
            current = requested
        else:
            assert status == 409, body
            assert body["error"]["code"] == "illegal_status_change"
    _, order, _ = await api.get(f"/api/v1/orders/{number}")
    assert order["status"] == current.value


@SLOW_FIXTURES
@given(requests=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=10))
async def test_a_key_always_gets_its_first_answer_and_work_is_done_once(
    api: Api, requests: list[tuple[int, int]]
) -> None:
    """(key, body) pairs: a key replays its first success; reused with another body, 409."""
    buyer_id = await make_buyer_and_store(api)
    run = next(_numbers)
    first: dict[int, tuple[int, int, object]] = {}
    created: set[int] = set()
    for key, variant in requests:
        number = f"6{run:09d}{variant:06d}"
        status, body, _ = await api.post(
            f"/api/v1/buyers/{buyer_id}/orders",
            order_body(number),
            headers={"Idempotency-Key": f"run{run}-key{key}"},
        )
        if key in first:
            first_variant, first_status, first_body = first[key]
            if first_variant == variant:
                assert (status, body) == (first_status, first_body)
            else:
                assert (status, body["error"]["code"]) == (409, "idempotency_key_reused")
            continue
        expected = 409 if variant in created else 201
        assert status == expected, body
        if status == 201:
            created.add(variant)
            first[key] = (variant, status, body)
    _, page, _ = await api.get(f"/api/v1/buyers/{buyer_id}/orders?limit=100")
    numbers = {item["number"] for item in page["items"] if item["number"].startswith(f"6{run:09d}")}
    assert numbers == {f"6{run:09d}{variant:06d}" for variant in created}
