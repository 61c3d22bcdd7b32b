"""The words for the refusals of My wishes (joined in bot/views/errors.py)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.errors import DomainError
from bot.services.wishes.errors import (
    AlreadyInList,
    DefaultListFixed,
    DropNotOffered,
    ListLimitReached,
    ListNameEmpty,
    ListNameRefused,
    ListNameTaken,
    ListNameTooLong,
    TargetNotAPrice,
    TargetNotBelow,
    TargetRefused,
    WishItemNotFound,
    WishListNotFound,
    WishProductNotFound,
)
from bot.views import format as fmt


def _name_refused(error: ListNameRefused) -> str:
    match error:
        case ListNameTooLong(max_length=limit):
            text = ngettext(
                "That is too long: a list name can have at most {count} character.",
                "That is too long: a list name can have at most {count} characters.",
                limit,
            ).format(count=fmt.number(limit))
        case ListNameTaken(name=name):
            text = _("You already have a list called “{name}”.").format(
                name=fmt.quote(fmt.short(name, 64))
            )
        case ListNameEmpty() | _:
            text = _("The name cannot be empty.")
    return text + "\n" + _("Send another name, or /cancel.")


def _target_refused(error: TargetRefused) -> str:
    match error:
        case TargetNotBelow(price_minor=price, currency=currency):
            text = _("It costs {price} already: send a lower price.").format(
                price=fmt.money(price, currency)
            )
        case TargetNotAPrice() | _:
            text = _("Send the price as a number, for example 19.99.")
    return text + "\n" + _("Send it again, or /cancel.")


def wishes_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - a table
    match error:
        case ListNameRefused():
            return _name_refused(error)
        case TargetRefused():
            return _target_refused(error)
        case WishListNotFound():
            return _("This list is no longer there. It may have been deleted.")
        case WishItemNotFound():
            return _("This product is no longer in your wishes.")
        case WishProductNotFound():
            return _("This product is no longer available.")
        case ListLimitReached(limit=limit):
            return ngettext(
                "You can have at most {count} list of your own. Delete one to make another.",
                "You can have at most {count} lists of your own. Delete one to make another.",
                limit,
            ).format(count=fmt.number(limit))
        case DefaultListFixed():
            return _("Your main list cannot be renamed or deleted.")
        case AlreadyInList(name=name):
            if name is None:
                return _("It is in “My wishes” already.")
            return _("It is in “{name}” already.").format(name=fmt.short(name, 64))
        case DropNotOffered():
            return _("That choice is not offered.")
    return None
