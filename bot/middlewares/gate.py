"""Account-only sections: a guest is asked to sign in first, then what they asked for is done.

The gate is an inner middleware of the sections built with `Routes(account_only=True)`, so it
runs only when one of their handlers matched. It keeps the button press (or the command) in
the FSM data; once the buyer has signed in, `replay_intent` routes it again through the same
dispatcher as the account — a replayed press is not a real callback query, so it is never
answered to Telegram (`CallbackAnswers`, bot/middlewares/answers.py, shows its answer as a
message instead).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject
from aiogram.types import User as TelegramUser

from bot.db.models import User
from bot.keyboards.auth import auth_menu_kb
from bot.services.accounts.sessions import is_account
from bot.views.accounts.auth import sign_in_prompt_text
from bot.views.screen import show

INTENT = "after_sign_in"
REPLAYED = "replayed:"  # the id of a button press replayed after signing in
MAX_TEXT = 256


class AccountGate(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User = data["user"]
        if is_account(user):
            return await handler(event, data)
        state: FSMContext = data["state"]
        await state.set_state(None)
        await remember_intent(state, event)
        if isinstance(event, Message | CallbackQuery):
            await show(event, sign_in_prompt_text(), auth_menu_kb())
        return None


async def remember_intent(state: FSMContext, event: TelegramObject) -> None:
    intent: dict[str, str] | None = None
    if isinstance(event, CallbackQuery) and event.data:
        intent = {"callback": event.data}
    elif isinstance(event, Message) and event.text and len(event.text) <= MAX_TEXT:
        intent = {"text": event.text}
    await state.update_data({INTENT: intent})


async def take_intent(state: FSMContext) -> dict[str, str] | None:
    """What the buyer asked for before signing in (forgotten once taken)."""
    data = await state.get_data()
    intent = data.get(INTENT)
    if intent is not None:
        await state.update_data({INTENT: None})
    return intent if isinstance(intent, dict) else None


async def replay_intent(intent: dict[str, str] | None, account: User, data: dict[str, Any]) -> bool:
    """Route the remembered press or command again, now as `account`; False if none."""
    if not intent:
        return False
    dispatcher: Dispatcher = data["dispatcher"]
    bot: Bot = data["bot"]
    sender: TelegramUser = data["event_from_user"]
    chat: Chat = data["event_chat"]
    context = {**data, "user": account}
    if (ctx := data.get("ctx")) is not None:
        context["ctx"] = ctx.signed_in_as(account)
    for key in ("handler", "callback_data", "command", "raw_state"):
        context.pop(key, None)
    if "callback" in intent:
        query = CallbackQuery(
            id=REPLAYED + secrets.token_hex(8),
            from_user=sender,
            chat_instance=REPLAYED,
            data=intent["callback"],
        ).as_(bot)
        await dispatcher.propagate_event("callback_query", query, **context)
        return True
    if "text" in intent:
        message = Message(
            message_id=0, date=0, chat=chat, from_user=sender, text=intent["text"]
        ).as_(bot)
        await dispatcher.propagate_event("message", message, **context)
        return True
    return False
