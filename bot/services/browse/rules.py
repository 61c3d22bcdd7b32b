"""The browsing rules: page sizes, what counts as a new arrival, how long recently viewed is,
and how long a question to a seller may be."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BrowseRules:
    results_page_size: int = 6  # products per page of a category, search or store page
    new_arrival_days: int = 14  # a product created this recently is a store's new arrival
    recent_default: int = 20  # recently viewed keeps this many unless the buyer chose
    recent_choices: tuple[int, ...] = (10, 20, 50)  # what Settings offers
    recent_page_size: int = 8
    question_max_length: int = 1000  # characters of a question to a seller
    categories_per_screen: int = 40  # buttons of one level of the category tree

    def recent_limit(self, chosen: int | None) -> int:
        """The buyer's choice, if it is still one of the choices; the default otherwise."""
        return chosen if chosen in self.recent_choices else self.recent_default
