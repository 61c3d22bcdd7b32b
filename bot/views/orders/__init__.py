"""Texts of My orders: the list, search results, the order card, tracking, and the trash."""
