"""Keyboards of returns and disputes: the tabs, the card and its moves, the open form."""
