"""Shipping addresses: the list and the card, and the add/edit form with its typed steps."""
