"""Where a buyer's data lives, and what deleting the account does with it.

`TABLES` names every column of every table: it holds no buyer data (`other`), or it holds
some (`data`) and says what deleting the account does with it: it goes with the buyer's rows,
it is blanked in a row kept for the marketplace, or it is kept for a stated reason.
`erase_buyer_data` runs that list. Tests walk the models and fail on a column missing from it,
so a new column is decided on before it can outlive an account; they also fill every buyer
column, delete the account and look for what is left, and check that the data export has every
table with buyer data.
"""

from bot.services.personal_data.erasure import erase_buyer_data, erasure_rules
from bot.services.personal_data.registry import (
    ERASED_MARK,
    EVENT_FIELDS_KEPT,
    TABLES,
    Data,
    Erase,
    Owner,
    Table,
    redact_event,
)

__all__ = [
    "ERASED_MARK",
    "EVENT_FIELDS_KEPT",
    "TABLES",
    "Data",
    "Erase",
    "Owner",
    "Table",
    "erase_buyer_data",
    "erasure_rules",
    "redact_event",
]
