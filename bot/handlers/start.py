"""Home ("My cabinet"), help, language and /cancel."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n

from bot.config import SUPPORTED_LOCALES, Settings
from bot.handlers.routes import Routes
from bot.handlers.stale import stale_button_text
from bot.i18n import resolve_locale
from bot.keyboards.callbacks import LangCb, NavAction, NavCb
from bot.keyboards.help import help_index_kb
from bot.keyboards.home import home_kb, language_kb
from bot.keyboards.nav import back_home_kb
from bot.middlewares.commands import LeftForm, leave_form
from bot.middlewares.context import Ctx
from bot.services import home as service
from bot.services.accounts.sync import LINK_PREFIX, redeem_link_code
from bot.services.users import set_locale
from bot.views.help import help_index_text
from bot.views.home import (
    account_linked_text,
    cancelled_text,
    home_hint_text,
    home_text,
    language_changed_text,
    language_text,
)
from bot.views.screen import show

routes = Routes("start", callbacks=(NavCb, LangCb))


async def show_home(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """Home as `ctx.user` sees it (other sections lead here, e.g. after signing out, with
    `ctx.signed_in_as(...)` the buyer they leave behind)."""
    screen = await service.home_screen(ctx.uow, ctx.user, ctx.now(), ctx.rules.feedback)
    await show(event, home_text(screen), home_kb(screen))


@routes.message(CommandStart(deep_link=True, magic=F.args.startswith(LINK_PREFIX)))
async def on_start_with_link(
    message: Message, command: CommandObject, ctx: Ctx, settings: Settings, i18n: I18n
) -> None:
    """`t.me/<bot>?start=<code>` from the marketplace: this Telegram user is that buyer now."""
    await ctx.state.clear()
    assert message.from_user is not None  # private chats only (IdentityMiddleware)
    account = await redeem_link_code(ctx.uow, command.args or "", message.from_user.id, ctx.now())
    locale = resolve_locale(account.locale, account.language_code, settings.default_locale)
    with i18n.use_locale(locale):
        await message.answer(account_linked_text())
        await show_home(message, ctx.signed_in_as(account))


@routes.message(CommandStart())
async def on_start(message: Message, ctx: Ctx, settings: Settings, i18n: I18n) -> None:
    """Home; the first /start of a cabinet that runs with demo data fills a sample account."""
    await ctx.state.clear()
    demo_language = i18n.current_locale if settings.demo_data else None
    screen = await service.first_visit_home(
        ctx.uow, ctx.user, ctx.now(), ctx.rules.feedback, demo_language
    )
    await show(message, home_text(screen), home_kb(screen))


@routes.message(Command("menu"))
@routes.callback_query(NavCb.filter(F.action == NavAction.HOME))
async def home_screen(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """Home from /menu or any Home button; whatever form was open is left."""
    await ctx.state.clear()
    await show_home(event, ctx)


@routes.message(Command("help"))
@routes.callback_query(NavCb.filter(F.action == NavAction.HELP))
async def help_screen(event: Message | CallbackQuery) -> None:
    """The index of questions; here, not in `help`, so /help beats any open form."""
    await show(event, help_index_text(), help_index_kb())


@routes.message(Command("language"))
@routes.callback_query(NavCb.filter(F.action == NavAction.LANGUAGE))
async def language_screen(event: Message | CallbackQuery, i18n: I18n) -> None:
    await show(event, language_text(), language_kb(i18n.current_locale))


@routes.callback_query(LangCb.filter(F.locale.in_(SUPPORTED_LOCALES)))
async def on_language_chosen(
    query: CallbackQuery,
    callback_data: LangCb,
    ctx: Ctx,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    await set_locale(ctx.uow, ctx.user, callback_data.locale, ctx.now())
    with i18n.use_locale(callback_data.locale):
        callback_answer.text = language_changed_text()
        await show_home(query, ctx)


@routes.callback_query(LangCb.filter())
async def on_unknown_language(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.message(Command("cancel"))
async def on_cancel(message: Message, ctx: Ctx, left_form: LeftForm | None = None) -> None:
    """`left_form`: the form CommandsFirst closed for this command (bot/middlewares/commands.py)."""
    if left_form is None and await ctx.state.get_state() is not None:  # a command without entity
        left_form = await leave_form(message, ctx.state, None)
    if left_form is not None and left_form.announced:
        await message.answer(home_hint_text(), reply_markup=back_home_kb())
        return
    await message.answer(cancelled_text(left_form is not None), reply_markup=back_home_kb())
