"""The words for the refusals of accounts: busy password checks, spent code budgets, sign-in
links, signing out of the last way in."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.accounts.errors import (
    CodeGuessesSpent,
    CodeMailsSpent,
    PasswordCheckBusy,
    PasswordChecksExhausted,
    PasswordQueueFull,
    SignInLocked,
    WeakPassword,
    WrongCredentials,
)
from bot.services.errors import DomainError, LinkCodeInvalid, SignOutWouldLoseAccount
from bot.views.accounts.auth import (
    code_budget_text,
    locked_text,
    password_refused_text,
    weak_password_text,
    wrong_credentials_text,
)


def account_error_text(error: DomainError, tz: tzinfo) -> str | None:
    match error:
        case PasswordCheckBusy() | PasswordQueueFull() | PasswordChecksExhausted():
            return password_refused_text(error, tz)
        case CodeGuessesSpent() | CodeMailsSpent():
            return code_budget_text(error, tz)
        case WeakPassword():
            return weak_password_text(error)
        case WrongCredentials(attempts_left=left):
            return wrong_credentials_text(left)
        case SignInLocked(until=until):
            return locked_text(until, tz)
        case LinkCodeInvalid(reason="used"):
            return _(
                "This sign-in link has already been used. Open your account on the marketplace "
                "website and ask for a new one."
            )
        case LinkCodeInvalid(reason="expired"):
            return _(
                "This sign-in link has expired. Open your account on the marketplace website "
                "and ask for a new one."
            )
        case LinkCodeInvalid():
            return _(
                "This sign-in link is not valid. Check that it was copied whole, or ask the "
                "marketplace for a new one."
            )
        case SignOutWouldLoseAccount():
            return _(
                "Add an e-mail to your account first: it has no other way back, so after "
                "signing out it could never be reached again. Profile → E-mail."
            )
    return None
