"""How many e-mail codes may be guessed and mailed: budgets that asking again cannot refill.

A code allows `codes.MAX_ATTEMPTS` wrong tries, but a new code is a click away, so limits per
code alone let one chat guess without end and flood the victim's mailbox. These budgets
count across codes, purposes and chats:

- guesses per address and per account (whoever guesses), and per Telegram user (whatever
  address they guess at): 10 wrong codes an hour per address gives a 10 in a million chance
  an hour to guess a six-digit code, instead of one in a thousand after a thousand resends;
- mails per address (a mailbox cannot be flooded), per Telegram user (nor many of them from
  one chat) and per hour in all (the bot as a whole cannot be turned into a spam cannon, which
  would also ruin the sender's reputation with mail providers).

Every limit counts whether or not an account has the address, so neither refusals nor their
timing tell who is registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.uow import UnitOfWork
from bot.services import budgets
from bot.services.accounts.errors import CodeGuessesSpent, CodeMailsSpent
from bot.services.budgets import Budget

HOUR = timedelta(hours=1)
DEFAULT_MAILS_PER_HOUR = 1000


@dataclass(frozen=True, slots=True)
class CodeLimits:
    """The budgets, built once at start-up (the overall cap is a setting) and injected."""

    guesses_per_address: Budget = Budget("code_guesses_address", limit=10, window=HOUR)
    guesses_per_account: Budget = Budget("code_guesses_account", limit=10, window=HOUR)
    guesses_per_user: Budget = Budget("code_guesses_user", limit=20, window=HOUR)
    mails_per_address: Budget = Budget("code_mails_address", limit=5, window=HOUR)
    mails_per_user: Budget = Budget("code_mails_user", limit=10, window=HOUR)
    mails_overall: Budget = Budget("code_mails_overall", limit=DEFAULT_MAILS_PER_HOUR, window=HOUR)

    @classmethod
    def with_mails_per_hour(cls, limit: int) -> CodeLimits:
        return cls(mails_overall=Budget("code_mails_overall", limit=limit, window=HOUR))

    def _guess_charges(
        self, telegram_id: int, email: str, account_id: int | None
    ) -> list[tuple[Budget, str]]:
        charges = [
            (self.guesses_per_address, email),
            (self.guesses_per_user, str(telegram_id)),
        ]
        if account_id is not None:
            charges.append((self.guesses_per_account, str(account_id)))
        return charges

    async def spend_guess(
        self,
        uow: UnitOfWork,
        telegram_id: int,
        email: str,
        account_id: int | None,
        now: datetime,
    ) -> None:
        """Count one guess at a code for `email` (and the account it belongs to, if any);
        raises CodeGuessesSpent, counting nothing, when any budget is used up."""
        charges = self._guess_charges(telegram_id, email, account_id)
        spending = await budgets.spend(uow, charges, now)
        if not spending.allowed:
            raise CodeGuessesSpent(spending.resets_at)

    async def refund_guess(
        self,
        uow: UnitOfWork,
        telegram_id: int,
        email: str,
        account_id: int | None,
        now: datetime,
    ) -> None:
        """A right code was no guess: the buyer who types their code keeps the budget."""
        await budgets.refund(uow, self._guess_charges(telegram_id, email, account_id), now)

    async def spend_mail(
        self, uow: UnitOfWork, telegram_id: int, email: str, now: datetime
    ) -> None:
        """Count one code mail to `email` asked for by `telegram_id`; raises CodeMailsSpent,
        counting nothing, when any budget is used up."""
        charges = [
            (self.mails_per_address, email),
            (self.mails_per_user, str(telegram_id)),
            (self.mails_overall, "all"),
        ]
        spending = await budgets.spend(uow, charges, now)
        if not spending.allowed:
            everyone = spending.refused_by is self.mails_overall
            raise CodeMailsSpent(spending.resets_at, everyone=everyone)
