"""Settings, and the notification switches (also reached from the mute button on a push)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.nav import NavAction, NavCb
from bot.keyboards.settings import NotifyAction, NotifyCb, notifications_kb, settings_kb
from bot.services import notifications as service
from bot.views.labels import notice_kind_label
from bot.views.screen import show
from bot.views.settings import muted_text, notifications_text, settings_text

routes = Routes("settings", callbacks=(NavCb, NotifyCb))


@routes.message(Command("settings"))
@routes.callback_query(NavCb.filter(F.action == NavAction.SETTINGS))
async def on_settings(event: Message | CallbackQuery) -> None:
    await show(event, settings_text(), settings_kb())


@routes.callback_query(NavCb.filter(F.action == NavAction.NOTIFICATIONS))
async def on_notifications(query: CallbackQuery, uow: UnitOfWork, user: User) -> None:
    enabled = await service.preferences(uow, user.id)
    await show(query, notifications_text(), notifications_kb(enabled))


@routes.callback_query(NotifyCb.filter(F.action != NotifyAction.MUTE))
async def on_switch(
    query: CallbackQuery, callback_data: NotifyCb, uow: UnitOfWork, user: User, clock: Clock
) -> None:
    turn_on = callback_data.action is NotifyAction.ENABLE
    enabled = await service.set_preference(uow, user, callback_data.kind, turn_on, clock.now())
    await show(query, notifications_text(), notifications_kb(enabled))


@routes.callback_query(NotifyCb.filter(F.action == NotifyAction.MUTE))
async def on_mute(
    query: CallbackQuery,
    callback_data: NotifyCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    """From a push: the push stays as it was; a toast says how to undo."""
    await service.set_preference(uow, user, callback_data.kind, False, clock.now())
    callback_answer.text = muted_text(notice_kind_label(callback_data.kind))
    callback_answer.show_alert = True
