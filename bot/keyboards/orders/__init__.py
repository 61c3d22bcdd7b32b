"""Buttons of My orders: the list, search, the order card, tracking, and the trash."""
