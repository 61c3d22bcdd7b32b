"""Profile: what the cabinet knows about the buyer, and the steps that change it.

With an avatar the profile is a photo whose caption is the profile text. Telegram cannot
edit a text message into a photo or back, so a photo profile is always sent as a new message
and the screen it replaces is deleted after (`show` does the same when a button on a photo
leads to a text screen). Captions are never edited in place: one path for every switch, and
a stale file id falls back to the text profile instead of a half-edited screen.
"""

from __future__ import annotations

import html
import logging
import re

from aiogram import Bot, F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n

from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import CurrencyCb, ProfileAction, ProfileCb, TimeZoneCb
from bot.keyboards.profile import (
    avatar_kb,
    currency_kb,
    name_prompt_kb,
    profile_kb,
    time_zone_kb,
    zone_prompt_kb,
    zone_results_kb,
)
from bot.middlewares.context import Ctx
from bot.services import profile as service
from bot.services.export import buyer_data_file
from bot.services.time_zones import common_zones, search_zones
from bot.views import profile as views
from bot.views.screen import delete_quietly, show

logger = logging.getLogger(__name__)
routes = Routes("profile", callbacks=(ProfileCb, CurrencyCb, TimeZoneCb), account_only=True)

CAPTION_LIMIT = 1024  # UTF-16 code units of the caption without its HTML tags
_TAG = re.compile(r"<[^>]+>")


class ProfileForm(StatesGroup):
    name = State()
    zone = State()
    avatar = State()


async def has_photo(message: Message) -> bool:
    """A photo (a picture sent as a file is a document and does not count)."""
    return bool(message.photo)


def caption_fits(text: str) -> bool:
    plain = html.unescape(_TAG.sub("", text))
    return len(plain.encode("utf-16-le")) // 2 <= CAPTION_LIMIT


async def show_profile(event: Message | CallbackQuery, ctx: Ctx, i18n: I18n) -> None:
    """The profile as the buyer row is now (a move of this update may just have changed it)."""
    user = ctx.user
    zone = service.zone_in_force(user, ctx.tz)
    text = views.profile_text(user, zone, ctx.now(), i18n.current_locale)
    if user.avatar_file_id is None or event.bot is None:
        await show(event, text, profile_kb())
        return
    await _send_photo_screen(event, event.bot, user.avatar_file_id, text, profile_kb())


async def _send_photo_screen(
    event: Message | CallbackQuery,
    bot: Bot,
    file_id: str,
    text: str,
    markup: InlineKeyboardMarkup,
) -> None:
    """The photo with the text as its caption (or above the text when it is too long for
    one), sent anew; the screen the button was on is deleted after."""
    chat_id = event.chat.id if isinstance(event, Message) else event.from_user.id
    try:
        if caption_fits(text):
            await bot.send_photo(chat_id, file_id, caption=text, reply_markup=markup)
        else:
            await bot.send_photo(chat_id, file_id)
            await bot.send_message(chat_id, text, reply_markup=markup)
    except TelegramBadRequest as error:
        # A file id is valid for one bot only (a new token, a restored backup): show the text.
        logger.warning("avatar not shown: %s", error.message)
        await show(event, text, markup)
        return
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        await delete_quietly(event.message)


@routes.message(Command("profile"))
@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.OPEN))
async def profile_screen(event: Message | CallbackQuery, ctx: Ctx, i18n: I18n) -> None:
    """The profile, from /profile or a button; whatever form was open is left."""
    await ctx.state.clear()
    await show_profile(event, ctx, i18n)


# --- name ----------------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.NAME))
async def name_prompt_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(ProfileForm.name)
    await show(query, views.name_prompt_text(ctx.user.first_name), name_prompt_kb())


@routes.message(StateFilter(ProfileForm.name), HasText())
async def on_name_text(message: Message, ctx: Ctx, i18n: I18n) -> None:
    """A refused name is told by the error boundary, and the step waits for another."""
    await service.rename(ctx.uow, ctx.user, message.text or "", ctx.now())
    await ctx.state.clear()
    await show_profile(message, ctx, i18n)


@routes.message(StateFilter(ProfileForm.name))
async def on_name_not_text(message: Message) -> None:
    await message.answer(views.name_not_text())


# --- currency ------------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.CURRENCY))
async def currency_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await show(query, views.currency_text(), currency_kb(ctx.user.display_currency))


@routes.callback_query(CurrencyCb.filter(F.code.in_(service.CURRENCIES)))
@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.CURRENCY_AS_ORDER))
async def on_currency_chosen(
    query: CallbackQuery,
    callback_data: CurrencyCb | ProfileCb,
    ctx: Ctx,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    code = callback_data.code if isinstance(callback_data, CurrencyCb) else None
    await service.set_display_currency(ctx.uow, ctx.user, code, ctx.now())
    callback_answer.text = views.saved_toast()
    await show_profile(query, ctx, i18n)


# --- time zone -----------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.TIME_ZONE))
async def time_zone_screen(query: CallbackQuery, ctx: Ctx, i18n: I18n) -> None:
    await ctx.state.clear()
    now, current = ctx.now(), str(service.zone_in_force(ctx.user, ctx.tz))
    zones = common_zones(i18n.current_locale)
    markup = time_zone_kb(zones, ctx.user.time_zone, now)
    await show(query, views.time_zone_text(current, now), markup)


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.TIME_ZONE_SEARCH))
async def zone_search_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(ProfileForm.zone)
    await show(query, views.zone_search_prompt(), zone_prompt_kb())


@routes.message(StateFilter(ProfileForm.zone), HasText())
async def on_zone_text(message: Message, ctx: Ctx, i18n: I18n) -> None:
    typed = (message.text or "").strip()
    found = search_zones(typed, i18n.current_locale)
    if not found.zones:
        await message.answer(views.zone_not_found_text(typed), reply_markup=zone_prompt_kb())
        return
    markup = zone_results_kb(found.zones, ctx.now())
    await message.answer(views.zone_results_text(typed, found.more), reply_markup=markup)


@routes.message(StateFilter(ProfileForm.zone))
async def on_zone_not_text(message: Message) -> None:
    await message.answer(views.zone_not_text())


@routes.callback_query(TimeZoneCb.filter())
async def on_zone_chosen(
    query: CallbackQuery,
    callback_data: TimeZoneCb,
    ctx: Ctx,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    await service.set_time_zone(ctx.uow, ctx.user, callback_data.zone, ctx.now())
    await ctx.state.clear()
    callback_answer.text = views.saved_toast()
    await show_profile(query, ctx, i18n)


# --- avatar --------------------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.AVATAR))
async def avatar_prompt_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(ProfileForm.avatar)
    has_avatar = ctx.user.avatar_file_id is not None
    await show(query, views.avatar_prompt_text(has_avatar), avatar_kb(has_avatar))


@routes.message(StateFilter(ProfileForm.avatar), has_photo)
async def on_avatar_photo(message: Message, ctx: Ctx, i18n: I18n) -> None:
    largest = max(message.photo or [], key=lambda size: size.width * size.height)
    await service.set_avatar(ctx.uow, ctx.user, largest.file_id, ctx.now())
    await ctx.state.clear()
    await show_profile(message, ctx, i18n)


@routes.message(StateFilter(ProfileForm.avatar))
async def on_avatar_not_photo(message: Message) -> None:
    await message.answer(views.avatar_not_photo_text())


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.AVATAR_REMOVE))
async def on_avatar_remove(
    query: CallbackQuery, ctx: Ctx, i18n: I18n, callback_answer: CallbackAnswer
) -> None:
    await service.set_avatar(ctx.uow, ctx.user, None, ctx.now())
    await ctx.state.clear()
    callback_answer.text = views.avatar_removed_toast()
    await show_profile(query, ctx, i18n)


# --- download my data ----------------------------------------------------------------------


@routes.callback_query(ProfileCb.filter(F.action == ProfileAction.EXPORT))
async def on_export(query: CallbackQuery, ctx: Ctx, bot: Bot) -> None:
    """One JSON document, sent below the profile, which stays as it is."""
    now = ctx.now()
    name, body = await buyer_data_file(ctx.uow, ctx.user, now)
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(body, filename=name),
        caption=views.export_caption(now, ctx.tz),
    )
