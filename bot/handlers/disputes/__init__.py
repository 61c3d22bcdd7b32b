"""Returns and disputes: the tabs and the card, the moves that need typing, the open form."""
