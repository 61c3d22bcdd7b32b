"""Shipping addresses: the address book, the form's field checks and draft, countries and
postal codes."""
