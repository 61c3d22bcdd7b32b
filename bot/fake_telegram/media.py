"""Media messages of the fake Bot API: sendPhoto, sendDocument, editMessageCaption and
editMessageMedia, with the real server's rules (a caption is edited only on a media message,
media only replaces media, 1024 characters of caption)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.fake_telegram.models import BOT_USER, MessageState
from bot.fake_telegram.rules import (
    CAPTION_LIMIT,
    NOT_MODIFIED,
    ApiError,
    bad_request,
    check_reply_markup,
    check_text,
    get_json,
    get_str,
)
from bot.telegram_html import ParsedText

if TYPE_CHECKING:
    from bot.fake_telegram.server import FakeBotAPI

MEDIA_KINDS = ("photo", "document")


def _media_json(api: FakeBotAPI, kind: str, reference: str) -> Any:
    """What Telegram echoes for an uploaded file (`attach://…`, a URL) or a reused file id."""
    number = next(api._file_ids)
    uploaded = "://" in reference
    file_id = f"fake-{kind}-{number}" if uploaded else reference
    unique_id = f"fake-unique-{number}"
    if kind == "photo":
        return [
            {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "width": 320,
                "height": 320,
                "file_size": 1024,
            }
        ]
    return {"file_id": file_id, "file_unique_id": unique_id, "file_name": "file"}


def _kind_of(state: MessageState) -> str | None:
    return next((kind for kind in MEDIA_KINDS if kind in state.payload), None)


def _file_id(state: MessageState, kind: str) -> str:
    media = state.payload[kind]
    return str((media[-1] if isinstance(media, list) else media)["file_id"])


def _set_caption(state: MessageState, caption: ParsedText | None) -> None:
    if caption is None:
        state.payload.pop("caption", None)
        state.entities = ()
    else:
        state.payload["caption"] = caption.text
        state.entities = caption.entities


def send_media(api: FakeBotAPI, params: dict[str, Any], kind: str) -> dict[str, Any]:
    caption = check_text(params, "caption", limit=CAPTION_LIMIT, required=False)
    markup = check_reply_markup(params)
    chat_id = api._target_chat(params)
    reference = get_str(params, kind)
    if not reference:
        raise bad_request(f"there is no {kind} in the request")
    content: dict[str, Any] = {kind: _media_json(api, kind, reference)}
    if caption is not None:
        content["caption"] = caption.text
    inline = api._remember_keyboard(chat_id, markup)
    if inline is not None:
        content["reply_markup"] = inline
    entities = caption.entities if caption else ()
    return api._store(chat_id, BOT_USER, content, from_bot=True, entities=entities).to_json()


def edit_caption(api: FakeBotAPI, params: dict[str, Any]) -> dict[str, Any]:
    caption = check_text(params, "caption", limit=CAPTION_LIMIT, required=False)
    markup = api._inline_only(check_reply_markup(params))
    state = api._message_to_edit(params)
    if _kind_of(state) is None:
        raise bad_request("there is no caption in the message to edit")
    new = (caption.text, caption.entities) if caption else (None, ())
    if (state.caption, state.entities, state.reply_markup) == (*new, markup):
        raise ApiError(400, NOT_MODIFIED)
    _set_caption(state, caption)
    return api._apply_edit(state, markup)


def edit_media(api: FakeBotAPI, params: dict[str, Any]) -> dict[str, Any]:
    media = get_json(params, "media", "can't parse InputMedia JSON object")
    if not isinstance(media, dict):
        raise bad_request("can't parse InputMedia JSON object")
    kind, reference = media.get("type"), str(media.get("media") or "")
    if kind not in MEDIA_KINDS:
        raise bad_request(f"unsupported media type {kind!r}")
    if not reference:
        raise bad_request("there is no media in the request")
    caption = check_text(media, "caption", limit=CAPTION_LIMIT, required=False)
    markup = api._inline_only(check_reply_markup(params))
    state = api._message_to_edit(params)
    old_kind = _kind_of(state)
    if old_kind is None:
        raise bad_request("there is no media in the message to edit")
    new_caption = (caption.text, caption.entities) if caption else (None, ())
    same_file = old_kind == kind and _file_id(state, kind) == reference
    if same_file and (state.caption, state.entities, state.reply_markup) == (
        *new_caption,
        markup,
    ):
        raise ApiError(400, NOT_MODIFIED)
    del state.payload[old_kind]
    state.payload[kind] = _media_json(api, kind, reference)
    _set_caption(state, caption)
    return api._apply_edit(state, markup)
