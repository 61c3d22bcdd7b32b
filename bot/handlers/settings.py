"""Settings, and the notification switches (also reached from the mute button on a push)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DigestCb, NavAction, NavCb, NotifyAction, NotifyCb, QuietCb
from bot.keyboards.settings import notifications_kb, quiet_kb, settings_kb
from bot.services import notifications as service
from bot.views.labels import notice_kind_label
from bot.views.screen import show
from bot.views.settings import muted_text, notifications_text, quiet_text, settings_text

routes = Routes("settings", callbacks=(NavCb, NotifyCb, QuietCb, DigestCb), account_only=True)


@routes.message(Command("settings"))
@routes.callback_query(NavCb.filter(F.action == NavAction.SETTINGS))
async def on_settings(event: Message | CallbackQuery) -> None:
    await show(event, settings_text(), settings_kb())


async def show_notifications(query: CallbackQuery, uow: UnitOfWork, user: User) -> None:
    enabled = await service.preferences(uow, user.id)
    quiet = service.quiet_preset(user)
    markup = notifications_kb(enabled, quiet, user.daily_digest)
    await show(query, notifications_text(), markup)


@routes.callback_query(NavCb.filter(F.action == NavAction.NOTIFICATIONS))
async def on_notifications(query: CallbackQuery, uow: UnitOfWork, user: User) -> None:
    await show_notifications(query, uow, user)


@routes.callback_query(NavCb.filter(F.action == NavAction.QUIET))
async def on_quiet(query: CallbackQuery, user: User, tz: tzinfo) -> None:
    await show(query, quiet_text(str(tz)), quiet_kb(service.quiet_preset(user)))


@routes.callback_query(DigestCb.filter())
async def on_digest(
    query: CallbackQuery, callback_data: DigestCb, uow: UnitOfWork, user: User
) -> None:
    await service.set_daily_digest(uow, user, callback_data.enabled)
    await show_notifications(query, uow, user)


@routes.callback_query(QuietCb.filter())
async def on_quiet_chosen(
    query: CallbackQuery, callback_data: QuietCb, uow: UnitOfWork, user: User
) -> None:
    await service.set_quiet_hours(uow, user, callback_data.preset)
    await show_notifications(query, uow, user)


@routes.callback_query(NotifyCb.filter(F.action != NotifyAction.MUTE))
async def on_switch(
    query: CallbackQuery, callback_data: NotifyCb, uow: UnitOfWork, user: User, clock: Clock
) -> None:
    turn_on = callback_data.action is NotifyAction.ENABLE
    await service.set_preference(uow, user, callback_data.kind, turn_on, clock.now())
    await show_notifications(query, uow, user)


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
