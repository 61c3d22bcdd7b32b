"""Keyboards of shipping addresses: the list and the card, and the form."""
