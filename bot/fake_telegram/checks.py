"""Assertions tests make about the fake server's state."""

from __future__ import annotations

from bot.fake_telegram.server import FakeBotAPI


def assert_every_callback_answered_once(server: FakeBotAPI) -> None:
    """Fail when a pressed button left the client spinning or the bot answered twice/unknown ids."""
    problems = [
        f"{query_id}: answered {count} times"
        for query_id, count in server.callback_answers.items()
        if count != 1
    ]
    problems += [f"{query_id}: never issued" for query_id in server.unknown_callback_answers]
    if problems:
        raise AssertionError("callback queries not answered exactly once:\n" + "\n".join(problems))
