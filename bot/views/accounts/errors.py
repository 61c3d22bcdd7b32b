"""The words for the refusals of accounts: passwords refused or not checked, codes refused or
not sent, e-mails taken or missing, sign-in links, signing out of the last way in, deleting."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.accounts.errors import (
    CodeGuessesSpent,
    CodeMailsSpent,
    CodeRefused,
    DeletionWordMismatch,
    EmailRequired,
    EmailTaken,
    PasswordCheckBusy,
    PasswordChecksExhausted,
    PasswordQueueFull,
    SameEmail,
    SignInLocked,
    WeakPassword,
    WrongCredentials,
)
from bot.services.errors import DomainError, LinkCodeInvalid, SignOutWouldLoseAccount
from bot.views.accounts.auth import (
    code_budget_text,
    code_refused_text,
    email_taken_text,
    locked_text,
    password_refused_text,
    weak_password_text,
    wrong_credentials_text,
)
from bot.views.accounts.credentials import add_email_first_text, not_deleted_text, same_email_text


def account_error_text(error: DomainError, tz: tzinfo) -> str | None:
    match error:
        case WrongCredentials(attempts_left=left):
            return wrong_credentials_text(left)
        case SignInLocked(until=until):
            return locked_text(until, tz)
        case PasswordCheckBusy() | PasswordQueueFull() | PasswordChecksExhausted():
            return password_refused_text(error, tz)
        case WeakPassword():
            return weak_password_text(error)
        case CodeRefused():
            return code_refused_text(error)
        case CodeGuessesSpent() | CodeMailsSpent():
            return code_budget_text(error, tz)
        case EmailTaken():
            return email_taken_text()
        case SameEmail():
            return same_email_text()
        case EmailRequired():
            return add_email_first_text()
        case DeletionWordMismatch():
            return not_deleted_text()
        case LinkCodeInvalid(reason=reason):
            return _link_refused_text(reason)
        case SignOutWouldLoseAccount():
            return _(
                "Add an e-mail to your account first: it has no other way back, so after "
                "signing out it could never be reached again. Profile → E-mail."
            )
    return None


def _link_refused_text(reason: str) -> str:
    """A marketplace sign-in link that did not sign in: used, expired or not one at all."""
    if reason == "used":
        return _(
            "This sign-in link has already been used. Open your account on the marketplace "
            "website and ask for a new one."
        )
    if reason == "expired":
        return _(
            "This sign-in link has expired. Open your account on the marketplace website "
            "and ask for a new one."
        )
    return _(
        "This sign-in link is not valid. Check that it was copied whole, or ask the "
        "marketplace for a new one."
    )
