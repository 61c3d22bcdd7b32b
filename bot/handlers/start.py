"""Home ("My cabinet"), help, language and /cancel."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n

from bot.clock import Clock
from bot.config import SUPPORTED_LOCALES, Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.handlers.stale import stale_button_text
from bot.i18n import resolve_locale
from bot.keyboards.auth import guest_home_kb
from bot.keyboards.callbacks import LangCb, NavAction, NavCb
from bot.keyboards.help import help_index_kb
from bot.keyboards.home import home_kb, language_kb
from bot.keyboards.nav import back_home_kb
from bot.middlewares.commands import LeftForm, leave_form
from bot.services.accounts.sessions import is_account
from bot.services.accounts.sync import LINK_PREFIX, redeem_link_code
from bot.services.demo import ensure_demo_account
from bot.services.home import cabinet_summary
from bot.services.users import mark_onboarded, set_locale
from bot.views.accounts.auth import guest_home_text
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


async def show_home(
    event: Message | CallbackQuery, uow: UnitOfWork, user: User, clock: Clock, settings: Settings
) -> None:
    if not is_account(user):
        await show(event, guest_home_text(user.first_name), guest_home_kb())
        return
    summary = await cabinet_summary(uow, user.id, clock.now(), settings.feedback_window_days)
    await show(event, home_text(user.first_name, summary), home_kb(summary))


@routes.message(CommandStart(deep_link=True, magic=F.args.startswith(LINK_PREFIX)))
async def on_start_with_link(
    message: Message,
    command: CommandObject,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    i18n: I18n,
) -> None:
    """`t.me/<bot>?start=<code>` from the marketplace: this Telegram user is that buyer now."""
    await state.clear()
    assert message.from_user is not None  # private chats only (IdentityMiddleware)
    account = await redeem_link_code(uow, command.args or "", message.from_user.id, clock.now())
    locale = resolve_locale(account.locale, account.language_code, settings.default_locale)
    with i18n.use_locale(locale):
        await message.answer(account_linked_text())
        await show_home(message, uow, account, clock, settings)


@routes.message(CommandStart())
async def on_start(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
    i18n: I18n,
) -> None:
    await state.clear()
    first_time = await mark_onboarded(uow, user, clock.now())
    if first_time and settings.demo_data:
        await ensure_demo_account(uow, user, i18n.current_locale, clock.now())
    await show_home(message, uow, user, clock, settings)


@routes.message(Command("menu"))
async def on_menu(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_home(message, uow, user, clock, settings)


@routes.callback_query(NavCb.filter(F.action == NavAction.HOME))
async def on_home(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_home(query, uow, user, clock, settings)


@routes.message(Command("help"))
@routes.callback_query(NavCb.filter(F.action == NavAction.HELP))
async def on_help(event: Message | CallbackQuery) -> None:
    """The index of questions; here, not in `help`, so /help beats any open form."""
    await show(event, help_index_text(), help_index_kb())


@routes.message(Command("language"))
@routes.callback_query(NavCb.filter(F.action == NavAction.LANGUAGE))
async def on_language(event: Message | CallbackQuery, i18n: I18n) -> None:
    await show(event, language_text(), language_kb(i18n.current_locale))


@routes.callback_query(LangCb.filter(F.locale.in_(SUPPORTED_LOCALES)))
async def on_language_chosen(
    query: CallbackQuery,
    callback_data: LangCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    await set_locale(uow, user, callback_data.locale, clock.now())
    with i18n.use_locale(callback_data.locale):
        callback_answer.text = language_changed_text()
        await show_home(query, uow, user, clock, settings)


@routes.callback_query(LangCb.filter())
async def on_unknown_language(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.message(Command("cancel"))
async def on_cancel(message: Message, state: FSMContext, left_form: LeftForm | None = None) -> None:
    """`left_form`: the form CommandsFirst closed for this command (bot/middlewares/commands.py)."""
    if left_form is None and await state.get_state() is not None:  # a command without entity
        left_form = await leave_form(message, state, None)
    if left_form is not None and left_form.announced:
        await message.answer(home_hint_text(), reply_markup=back_home_kb())
        return
    await message.answer(cancelled_text(left_form is not None), reply_markup=back_home_kb())
