"""What the buyer is told when Telegram's flood control refused to show a screen: whether what
they did was saved, and when to look again."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.views.format import number


def slow_down_text(seconds: int, *, saved: bool) -> str:
    """A button's alert, at once (a callback answer is not held back by the flood control)."""
    if saved:
        return ngettext(
            "Done — saved. Telegram asked us to slow down, so the screen did not refresh; "
            "open it again in {count} second.",
            "Done — saved. Telegram asked us to slow down, so the screen did not refresh; "
            "open it again in {count} seconds.",
            seconds,
        ).format(count=number(seconds))
    return ngettext(
        "Telegram asked us to slow down; try again in {count} second.",
        "Telegram asked us to slow down; try again in {count} seconds.",
        seconds,
    ).format(count=number(seconds))


def slowed_down_text(*, saved: bool) -> str:
    """A message sent once Telegram's wait is over, so it no longer counts seconds."""
    if saved:
        return _(
            "Done — saved. Telegram asked us to slow down, so the screen did not refresh "
            "then; you can carry on now."
        )
    return _("Telegram asked us to slow down, so that was not done; please send it again now.")
