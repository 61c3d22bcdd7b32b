"""Settings, and the notification switches (also reached from the mute button on a push)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import DigestCb, NavAction, NavCb, NotifyAction, NotifyCb, QuietCb
from bot.keyboards.settings import notifications_kb, quiet_kb, settings_kb
from bot.middlewares.context import Ctx
from bot.services import notifications as service
from bot.services.notifications import NotificationSettings
from bot.views.labels import notice_kind_label
from bot.views.screen import show
from bot.views.settings import muted_text, notifications_text, quiet_text, settings_text

routes = Routes("settings", callbacks=(NavCb, NotifyCb, QuietCb, DigestCb), account_only=True)


@routes.message(Command("settings"))
@routes.callback_query(NavCb.filter(F.action == NavAction.SETTINGS))
async def settings_screen(event: Message | CallbackQuery) -> None:
    await show(event, settings_text(), settings_kb())


async def render_notifications(query: CallbackQuery, screen: NotificationSettings) -> None:
    await show(query, notifications_text(), notifications_kb(screen))


@routes.callback_query(NavCb.filter(F.action == NavAction.NOTIFICATIONS))
async def notifications_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await render_notifications(query, await service.notification_settings(ctx.uow, ctx.user))


@routes.callback_query(NavCb.filter(F.action == NavAction.QUIET))
async def quiet_hours_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await show(query, quiet_text(str(ctx.tz)), quiet_kb(service.quiet_preset(ctx.user)))


@routes.callback_query(DigestCb.filter())
async def on_digest(query: CallbackQuery, callback_data: DigestCb, ctx: Ctx) -> None:
    screen = await service.set_daily_digest(ctx.uow, ctx.user, callback_data.enabled)
    await render_notifications(query, screen)


@routes.callback_query(QuietCb.filter())
async def on_quiet_chosen(query: CallbackQuery, callback_data: QuietCb, ctx: Ctx) -> None:
    screen = await service.set_quiet_hours(ctx.uow, ctx.user, callback_data.preset)
    await render_notifications(query, screen)


@routes.callback_query(NotifyCb.filter(F.action != NotifyAction.MUTE))
async def on_switch(query: CallbackQuery, callback_data: NotifyCb, ctx: Ctx) -> None:
    turn_on = callback_data.action is NotifyAction.ENABLE
    screen = await service.set_preference(ctx.uow, ctx.user, callback_data.kind, turn_on, ctx.now())
    await render_notifications(query, screen)


@routes.callback_query(NotifyCb.filter(F.action == NotifyAction.MUTE))
async def on_mute(
    query: CallbackQuery, callback_data: NotifyCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    """From a push: the push stays as it was; a toast says how to undo."""
    await service.set_preference(ctx.uow, ctx.user, callback_data.kind, False, ctx.now())
    callback_answer.text = muted_text(notice_kind_label(callback_data.kind))
    callback_answer.show_alert = True
