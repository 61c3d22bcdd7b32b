"""Buttons of accounts: signing in, up and out, and the forms that change the password or the
e-mail or delete the account."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    AuthAction,
    AuthCb,
    NavAction,
    NavCb,
    OrderListCb,
    ProfileAction,
    ProfileCb,
)
from bot.keyboards.nav import button, home_button
from bot.keyboards.profile import add_email_button
from bot.services.accounts.deletion import DeletionScreen
from bot.services.accounts.sessions import SignOutOptions, WayBack
from bot.services.orders.buyer import OrderTab


def _auth(text: str, action: AuthAction) -> InlineKeyboardButton:
    return button(text, AuthCb(action=action))


def cancel_button() -> InlineKeyboardButton:
    return button(_("✖️ Cancel"), NavCb(action=NavAction.HOME))


def auth_menu_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_auth(_("✈️ Continue with Telegram"), AuthAction.TELEGRAM)],
            [_auth(_("🔑 Sign in with e-mail"), AuthAction.SIGN_IN)],
            [_auth(_("📝 Sign up with e-mail"), AuthAction.SIGN_UP)],
            [home_button()],
        ]
    )


def form_kb() -> InlineKeyboardMarkup:
    """Under a question of a sign-in form: leave it."""
    return InlineKeyboardMarkup(inline_keyboard=[[cancel_button()]])


def password_retry_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_auth(_("🔁 Forgot password"), AuthAction.FORGOT)],
            [cancel_button()],
        ]
    )


def code_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_auth(_("📨 Send the code again"), AuthAction.RESEND)], [cancel_button()]]
    )


def email_taken_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_auth(_("🔑 Sign in"), AuthAction.SIGN_IN)],
            [_auth(_("🔁 Forgot password"), AuthAction.FORGOT)],
            [cancel_button()],
        ]
    )


def locked_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_auth(_("🔁 Reset password"), AuthAction.FORGOT)], [home_button()]]
    )


def sign_out_kb(options: SignOutOptions) -> InlineKeyboardMarkup:
    """Only the ways out that keep the account reachable; else adding an e-mail first."""
    rows = []
    if options.way_back is WayBack.NONE:
        rows.append([add_email_button()])
    if options.can_sign_out_here:
        rows.append([_auth(_("🚪 Sign out on this device"), AuthAction.SIGN_OUT_HERE)])
    if options.can_sign_out_everywhere:
        rows.append([_auth(_("🚪 Sign out everywhere"), AuthAction.SIGN_OUT_ALL)])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def sign_out_everywhere_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_auth(_("🚪 Yes, sign out everywhere"), AuthAction.SIGN_OUT_ALL_YES)],
            [_auth(_("⬅️ Back"), AuthAction.SIGN_OUT)],
        ]
    )


def guest_home_kb() -> InlineKeyboardMarkup:
    """A guest's home: ways in first, then what a guest may do (the rest asks to sign in)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_auth(_("✈️ Continue with Telegram"), AuthAction.TELEGRAM)],
            [
                _auth(_("🔑 Sign in"), AuthAction.SIGN_IN),
                _auth(_("📝 Sign up"), AuthAction.SIGN_UP),
            ],
            [button(_("📋 My orders"), OrderListCb(tab=OrderTab.ALL))],
            [
                button(_("❓ Help"), NavCb(action=NavAction.HELP)),
                button(_("🌐 Language"), NavCb(action=NavAction.LANGUAGE)),
            ],
        ]
    )


# -- the profile's password, e-mail and deletion forms ----------------------------------------


def _with_cancel(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [cancel_button()]])


def add_email_first_kb() -> InlineKeyboardMarkup:
    return _with_cancel([add_email_button()])


def password_code_instead_kb() -> InlineKeyboardMarkup:
    """Under the current-password question: a code to the e-mail instead."""
    code = button(_("📨 Send a code instead"), ProfileCb(action=ProfileAction.PASSWORD_CODE))
    return _with_cancel([code])


def confirm_email_kb() -> InlineKeyboardMarkup:
    confirm = button(_("📨 Confirm this e-mail"), ProfileCb(action=ProfileAction.EMAIL_CONFIRM))
    return _with_cancel([confirm])


def delete_password_kb(deletion: DeletionScreen) -> InlineKeyboardMarkup:
    """Under the password that confirms deleting: a code instead, where one can be mailed."""
    if not deletion.can_send_code:
        return form_kb()
    code = button(_("📨 Send a code instead"), ProfileCb(action=ProfileAction.DELETE_CODE))
    return _with_cancel([code])
