"""Texts of changing the password or the e-mail, and of deleting the account."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.views import format as fmt


def add_email_first_text() -> str:
    return _("A password signs you in together with an e-mail. Add an e-mail first.")


def ask_current_password_text() -> str:
    return _(
        "🔒 Send your current password (I delete the message at once), or get a code by "
        "e-mail instead."
    )


def no_password_yet_text() -> str:
    return _(
        "🔒 You have no password yet. To set one, confirm it is you with a code sent to your "
        "e-mail."
    )


def ask_email_code_text(masked_email: str) -> str:
    return _("📨 I sent a 6-digit code to {email}. Send it here.").format(
        email=fmt.quote(masked_email)
    )


def ask_new_email_text() -> str:
    return _("📧 Send the new e-mail address. I will send a code there to confirm it.")


def same_email_text() -> str:
    return _("That is already your e-mail.")


def email_changed_text(email: str) -> str:
    return _("✅ Your e-mail is now {email}.").format(email=fmt.quote(email))


def email_not_confirmed_text(email: str) -> str:
    return _(
        "📧 Your e-mail {email} is not confirmed yet: a forgotten password can be reset only "
        "through a confirmed address. Confirm it with a code sent there, or send a new "
        "address."
    ).format(email=fmt.quote(email))


def email_confirmed_text(email: str) -> str:
    return _("✅ Your e-mail {email} is confirmed.").format(email=fmt.quote(email))


def delete_warning_text(prompt: str) -> str:
    """The warning, then how to confirm (one of the `delete_*_prompt` texts)."""
    return (
        _(
            "🗑 <b>Delete the account?</b>\n\n"
            "Your profile, addresses, coupons and settings are deleted, and so are your messages "
            "to sellers, your dispute letters and photos, the texts of your feedback and "
            "complaints, and your notifications; every device is signed out. Orders stay with "
            "the marketplace for its records, without your name or address. This cannot be "
            "undone."
        )
        + "\n\n"
        + prompt
    )


def delete_password_prompt() -> str:
    return _("To confirm, send your password. I delete the message at once.")


def delete_code_prompt(masked_email: str) -> str:
    return _(
        "To confirm, send the 6-digit code I sent to {email}. I delete the message at once."
    ).format(email=fmt.quote(masked_email))


def delete_word_prompt(word: str) -> str:
    return _("To confirm, send the word <b>{word}</b>.").format(word=word)


def delete_word() -> str:
    """The word to type to delete the account (translated, so it is typed in one layout)."""
    return _("DELETE")


def not_deleted_text() -> str:
    return _("The account was not deleted: the word did not match.")


def deleted_text() -> str:
    return _("Your account is deleted. Thank you for having been with us.")
