"""Texts of messages: the message center, the conversation about an order, the letters and
the refusals."""
