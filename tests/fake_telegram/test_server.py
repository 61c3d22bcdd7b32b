"""FakeBotAPI.handle: response shapes and every rule the real Bot API enforces."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.fake_telegram import FakeBotAPI, assert_every_callback_answered_once
from bot.fake_telegram.rules import NOT_MODIFIED, QUERY_INVALID
from tests.fake_telegram.conftest import START_TIME, FakeClock, keyboard

CHAT = 1001


def send(server: FakeBotAPI, text: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    return server.handle("sendMessage", {"chat_id": str(CHAT), "text": text, **extra})


def error_of(response: tuple[int, dict[str, Any]]) -> tuple[int, str]:
    status, body = response
    assert body["ok"] is False
    assert body["error_code"] == status
    return status, body["description"]


def test_get_me(server: FakeBotAPI) -> None:
    status, body = server.handle("getMe", {})
    assert status == 200
    assert body["result"]["id"] == 42
    assert body["result"]["username"] == "cabinet_test_bot"
    assert body["result"]["is_bot"] is True


def test_send_message_returns_realistic_message(server: FakeBotAPI, clock: FakeClock) -> None:
    markup = keyboard([("Orders", "orders")])
    status, body = send(
        server, "<b>Hello</b> &amp; welcome", parse_mode="HTML", reply_markup=markup
    )
    assert status == 200
    message = body["result"]
    assert message == {
        "message_id": 1,
        "from": {"id": 42, "is_bot": True, "first_name": "Cabinet", "username": "cabinet_test_bot"},
        "chat": {"id": CHAT, "type": "private"},
        "date": int(START_TIME),
        "text": "Hello & welcome",
        "entities": [{"type": "bold", "offset": 0, "length": 5}],
        "reply_markup": json.loads(markup),
    }
    clock.now += 5
    second = send(server, "again")[1]["result"]
    assert (second["message_id"], second["date"]) == (2, int(START_TIME) + 5)
    assert "reply_markup" not in second
    other_chat = server.handle("sendMessage", {"chat_id": 7, "text": "hi"})[1]["result"]
    assert other_chat["message_id"] == 1


def test_reply_markup_may_be_a_dict(server: FakeBotAPI) -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, body = send(server, "x", reply_markup=markup)
    assert body["result"]["reply_markup"] == markup


def test_message_text_is_empty(server: FakeBotAPI) -> None:
    assert error_of(send(server, "")) == (400, "Bad Request: message text is empty")


@pytest.mark.parametrize("text", ["   \n ", "<b></b>", "<b> </b>\n"])
def test_text_empty_after_parsing(server: FakeBotAPI, text: str) -> None:
    response = send(server, text, parse_mode="HTML")
    assert error_of(response) == (400, "Bad Request: text must be non-empty")


def test_text_is_trimmed_like_telegram(server: FakeBotAPI) -> None:
    _, body = send(server, "\n  hello  \n\n")
    assert body["result"]["text"] == "hello"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("a" * 4096, True),
        ("a" * 4097, False),
        ("😀" * 2048, True),  # 4096 UTF-16 code units
        ("😀" * 2049, False),
        ("Ж" * 4096, True),
        ("<b>" + "a" * 4096 + "</b>", True),  # tags do not count
        ("&lt;" * 4096, True),  # entities count once
        ("&lt;" * 4097, False),
    ],
)
def test_length_limit_is_utf16_after_parsing(server: FakeBotAPI, text: str, ok: bool) -> None:
    status, body = send(server, text, parse_mode="HTML")
    if ok:
        assert status == 200
    else:
        assert error_of((status, body)) == (400, "Bad Request: message is too long")


def test_html_error_is_a_bad_request(server: FakeBotAPI) -> None:
    response = send(server, "<b>oops</i>", parse_mode="HTML")
    assert error_of(response) == (
        400,
        'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</b>", '
        'found "</i>"',
    )


def test_without_parse_mode_html_is_plain_text(server: FakeBotAPI) -> None:
    _, body = send(server, "<foo>")
    assert body["result"]["text"] == "<foo>"


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ("я" * 32, True),  # 64 bytes in UTF-8
        ("я" * 32 + "x", False),
        ("x" * 64, True),
        ("x" * 65, False),
    ],
)
def test_callback_data_limit_is_64_utf8_bytes(server: FakeBotAPI, data: str, ok: bool) -> None:
    status, body = send(server, "x", reply_markup=keyboard([("Button", data)]))
    if ok:
        assert status == 200
    else:
        assert error_of((status, body)) == (400, "Bad Request: BUTTON_DATA_INVALID")


@pytest.mark.parametrize(
    "button",
    [
        {"text": "no action"},
        {"text": "empty data", "callback_data": ""},
        {"text": "two actions", "callback_data": "a", "url": "https://example.com"},
    ],
)
def test_button_needs_exactly_one_action(server: FakeBotAPI, button: dict[str, Any]) -> None:
    status, body = send(server, "x", reply_markup={"inline_keyboard": [[button]]})
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse inline keyboard button: ")


def test_reply_keyboard_is_remembered_but_not_echoed(server: FakeBotAPI) -> None:
    markup = {"keyboard": [[{"text": "Menu"}]], "resize_keyboard": True}
    _, body = send(server, "x", reply_markup=markup)
    assert "reply_markup" not in body["result"]
    assert server.reply_keyboard(CHAT) == markup
    send(server, "y", reply_markup={"remove_keyboard": True})
    assert server.reply_keyboard(CHAT) is None


def edit(server: FakeBotAPI, message_id: int, text: str, **extra: Any) -> tuple[int, dict]:
    params = {"chat_id": str(CHAT), "message_id": str(message_id), "text": text, **extra}
    return server.handle("editMessageText", params)


def test_edit_unknown_message(server: FakeBotAPI) -> None:
    assert error_of(edit(server, 99, "x")) == (400, "Bad Request: message to edit not found")
    response = server.handle("editMessageReplyMarkup", {"chat_id": CHAT, "message_id": 99})
    assert error_of(response) == (400, "Bad Request: message to edit not found")


def test_edit_not_modified(server: FakeBotAPI, clock: FakeClock) -> None:
    markup = keyboard([("A", "a")])
    send(server, "<b>Hi</b>", parse_mode="HTML", reply_markup=markup)
    same = edit(server, 1, "<b>Hi</b>", parse_mode="HTML", reply_markup=markup)
    assert error_of(same) == (400, NOT_MODIFIED)
    clock.now += 3
    status, body = edit(server, 1, "Hi", parse_mode="HTML", reply_markup=markup)
    assert status == 200, "dropping the bold entity is a modification"
    assert body["result"]["edit_date"] == int(START_TIME) + 3
    markup_only = server.handle(
        "editMessageReplyMarkup",
        {"chat_id": CHAT, "message_id": 1, "reply_markup": keyboard([("B", "b")])},
    )
    assert markup_only[0] == 200
    assert server.last_message(CHAT).reply_markup == json.loads(keyboard([("B", "b")]))


def test_edit_text_without_markup_removes_keyboard(server: FakeBotAPI) -> None:
    send(server, "menu", reply_markup=keyboard([("A", "a")]))
    status, body = edit(server, 1, "menu")
    assert status == 200
    assert "reply_markup" not in body["result"]
    assert server.messages_in(CHAT)[0].reply_markup is None
    response = server.handle("editMessageReplyMarkup", {"chat_id": CHAT, "message_id": 1})
    assert error_of(response) == (400, NOT_MODIFIED)


def test_cannot_edit_users_message(server: FakeBotAPI) -> None:
    server.register_incoming_message(CHAT, {"id": CHAT, "first_name": "Anna"}, {"text": "hi"})
    assert error_of(edit(server, 1, "x")) == (400, "Bad Request: message can't be edited")


def test_delete_message(server: FakeBotAPI) -> None:
    send(server, "one")
    send(server, "two")
    assert server.handle("deleteMessage", {"chat_id": CHAT, "message_id": 1}) == (
        200,
        {"ok": True, "result": True},
    )
    assert [m.text for m in server.messages_in(CHAT)] == ["two"]
    again = server.handle("deleteMessage", {"chat_id": CHAT, "message_id": 1})
    assert error_of(again) == (400, "Bad Request: message to delete not found")


def test_answer_callback_query_rules(server: FakeBotAPI) -> None:
    unknown = server.handle("answerCallbackQuery", {"callback_query_id": "nope"})
    assert error_of(unknown) == (400, QUERY_INVALID)
    server.register_callback_query("q1")
    too_long = server.handle("answerCallbackQuery", {"callback_query_id": "q1", "text": "x" * 201})
    assert error_of(too_long) == (400, "Bad Request: MESSAGE_TOO_LONG")
    ok = server.handle("answerCallbackQuery", {"callback_query_id": "q1", "text": "x" * 200})
    assert ok == (200, {"ok": True, "result": True})
    twice = server.handle("answerCallbackQuery", {"callback_query_id": "q1"})
    assert error_of(twice) == (400, QUERY_INVALID)
    with pytest.raises(AssertionError, match="q1: answered 2 times"):
        assert_every_callback_answered_once(server)


def test_every_callback_answered_once_detects_unanswered(server: FakeBotAPI) -> None:
    query_id = server.issue_callback_query()
    with pytest.raises(AssertionError, match="answered 0 times"):
        assert_every_callback_answered_once(server)
    server.handle("answerCallbackQuery", {"callback_query_id": query_id})
    assert_every_callback_answered_once(server)


def commands(*pairs: tuple[str, str]) -> str:
    return json.dumps([{"command": c, "description": d} for c, d in pairs])


@pytest.mark.parametrize(
    ("command", "description", "error"),
    [
        ("Start", "ok", "BOT_COMMAND_INVALID"),
        ("with-dash", "ok", "BOT_COMMAND_INVALID"),
        ("заказы", "ok", "BOT_COMMAND_INVALID"),
        ("", "ok", "command must be non-empty"),
        ("a" * 33, "ok", "command length must not exceed 32"),
        ("start", " ", "command description must be non-empty"),
        ("start", "d" * 257, "command description length must not exceed 256"),
    ],
)
def test_set_my_commands_validation(
    server: FakeBotAPI, command: str, description: str, error: str
) -> None:
    response = server.handle("setMyCommands", {"commands": commands((command, description))})
    assert error_of(response) == (400, f"Bad Request: {error}")


def test_too_many_commands(server: FakeBotAPI) -> None:
    many = commands(*[(f"c{i}", "d") for i in range(101)])
    response = server.handle("setMyCommands", {"commands": many})
    assert error_of(response) == (400, "Bad Request: BOT_COMMANDS_TOO_MUCH")


def test_commands_per_language_and_scope(server: FakeBotAPI) -> None:
    server.handle(
        "setMyCommands", {"commands": commands(("/start", "Start"), ("orders", "Orders"))}
    )
    server.handle(
        "setMyCommands", {"commands": commands(("start", "Начать")), "language_code": "ru"}
    )
    chat_scope = json.dumps({"type": "chat", "chat_id": CHAT})
    server.handle("setMyCommands", {"commands": commands(("admin", "Admin")), "scope": chat_scope})
    default = server.handle("getMyCommands", {})[1]["result"]
    assert default == [
        {"command": "start", "description": "Start"},
        {"command": "orders", "description": "Orders"},
    ]
    assert server.handle("getMyCommands", {"language_code": "ru"})[1]["result"] == [
        {"command": "start", "description": "Начать"}
    ]
    assert server.handle("getMyCommands", {"language_code": "de"})[1]["result"] == []
    assert server.commands(scope={"type": "chat", "chat_id": CHAT})[0]["command"] == "admin"
    server.handle("deleteMyCommands", {"language_code": "ru"})
    assert server.commands("ru") == []
    bad = server.handle("getMyCommands", {"language_code": "english"})
    assert error_of(bad) == (400, "Bad Request: invalid language code specified")


def test_descriptions(server: FakeBotAPI) -> None:
    server.handle("setMyDescription", {"description": "Your orders", "language_code": "en"})
    server.handle("setMyShortDescription", {"short_description": "Orders"})
    assert server.handle("getMyDescription", {"language_code": "en"})[1]["result"] == {
        "description": "Your orders"
    }
    assert server.handle("getMyShortDescription", {})[1]["result"] == {
        "short_description": "Orders"
    }


def test_send_chat_action(server: FakeBotAPI) -> None:
    assert server.handle("sendChatAction", {"chat_id": CHAT, "action": "typing"})[0] == 200
    bad = server.handle("sendChatAction", {"chat_id": CHAT, "action": "dancing"})
    assert error_of(bad) == (400, "Bad Request: wrong parameter action in request")


def test_send_photo_and_document(server: FakeBotAPI) -> None:
    _, body = server.handle(
        "sendPhoto",
        {"chat_id": CHAT, "photo": "attach://abc", "caption": "<i>pic</i>", "parse_mode": "HTML"},
    )
    assert body["result"]["caption"] == "pic"
    assert body["result"]["photo"][0]["file_id"].startswith("fake-photo-")
    _, body = server.handle("sendDocument", {"chat_id": CHAT, "document": "FILEID"})
    assert body["result"]["document"]["file_id"] == "FILEID"
    long_caption = server.handle(
        "sendPhoto", {"chat_id": CHAT, "photo": "X", "caption": "c" * 1025}
    )
    assert error_of(long_caption) == (400, "Bad Request: message caption is too long")


def test_failure_injection(server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 429, retry_after=7, times=2)
    for _ in range(2):
        assert send(server, "x") == (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 7",
                "parameters": {"retry_after": 7},
            },
        )
    assert send(server, "x")[0] == 200
    server.fail_next("sendmessage", 500)
    assert error_of(send(server, "x")) == (500, "Internal Server Error")
    server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert error_of(send(server, "x")) == (403, "Forbidden: bot was blocked by the user")


def test_blocked_chat(server: FakeBotAPI) -> None:
    server.block_chat(CHAT)
    assert error_of(send(server, "x")) == (403, "Forbidden: bot was blocked by the user")


def test_calls_are_recorded(server: FakeBotAPI) -> None:
    send(server, "one")
    send(server, "")
    assert server.handle("setChatMenuButton", {"chat_id": CHAT}) == (
        200,
        {"ok": True, "result": True},
    )
    assert [(c.method, c.ok) for c in server.calls] == [
        ("sendMessage", True),
        ("sendMessage", False),
        ("setChatMenuButton", True),
    ]
    failed = server.calls_of("SENDMESSAGE")[1]
    assert failed.result_or_error == "Bad Request: message text is empty"
    assert failed.status == 400
    assert server.calls[0].result_or_error["text"] == "one"
    server.clear()
    assert server.calls == []
    assert server.last_message(CHAT).text == "one"
