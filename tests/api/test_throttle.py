"""Guessing the API token is slowed: ten wrong tokens a minute from one address, then 429 with
Retry-After until the oldest is a minute old; the right token always gets through."""

from __future__ import annotations

from datetime import timedelta

from bot.api.throttle import WrongTokenThrottle
from bot.clock import FixedClock
from tests.api.conftest import Api
from tests.conftest import START

WRONG = {"Authorization": "Bearer a-wrong-token-that-is-long-enough-to-look-right"}


async def _wrong(api: Api) -> tuple[int, dict[str, str]]:
    status, _, headers = await api.get("/api/v1/stores", auth=False, headers=WRONG)
    return status, headers


async def test_an_eleventh_wrong_token_in_a_minute_is_429_but_the_right_one_passes(
    api: Api, clock: FixedClock
) -> None:
    for _ in range(10):
        assert (await _wrong(api))[0] == 401

    status, error, headers = await api.get("/api/v1/stores", auth=False, headers=WRONG)

    assert (status, error["error"]["code"]) == (429, "too_many_wrong_tokens")
    assert headers["Retry-After"] == "60"
    assert (await api.get("/api/v1/stores"))[0] == 200  # the marketplace is not locked out
    assert (await api.get("/api/v1/stores", auth=False))[0] == 401  # no token: no guess
    clock.advance(timedelta(seconds=59))
    assert (await _wrong(api))[1]["Retry-After"] == "1"
    clock.advance(timedelta(seconds=1))
    assert (await _wrong(api))[0] == 401


async def test_retry_after_is_when_the_oldest_wrong_token_leaves_the_minute(
    api: Api, clock: FixedClock
) -> None:
    assert (await _wrong(api))[0] == 401
    clock.advance(timedelta(seconds=20))
    for _ in range(9):
        assert (await _wrong(api))[0] == 401

    status, headers = await _wrong(api)

    assert (status, headers["Retry-After"]) == (429, "40")
    clock.advance(timedelta(seconds=40))
    assert (await _wrong(api))[0] == 401  # the first one is a minute old: one more guess
    assert (await _wrong(api))[0] == 429


async def test_refused_guesses_while_blocked_do_not_extend_the_wait(
    api: Api, clock: FixedClock
) -> None:
    for _ in range(10):
        await _wrong(api)
    for _ in range(5):
        clock.advance(timedelta(seconds=10))
        assert (await _wrong(api))[0] == 429
    clock.advance(timedelta(seconds=10))
    assert (await _wrong(api))[0] == 401  # Retry-After told the truth


def test_addresses_are_counted_apart_and_the_oldest_is_forgotten_beyond_the_cap() -> None:
    clock = FixedClock(START)
    throttle = WrongTokenThrottle(clock, limit=2, max_peers=3)
    for peer in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        throttle.failed(peer)
    assert throttle.retry_after("10.0.0.1") == 60
    assert throttle.retry_after("10.0.0.2") is None

    for peer in ("10.0.0.3", "10.0.0.4"):
        clock.advance(timedelta(seconds=1))
        throttle.failed(peer)

    assert len(throttle) == 3  # 10.0.0.1, the least recently wrong, was dropped
    assert throttle.retry_after("10.0.0.1") is None
    clock.advance(timedelta(minutes=1))
    assert throttle.retry_after("10.0.0.2") is None
    assert len(throttle) <= 2  # a peer whose guesses all aged out is forgotten when looked at
