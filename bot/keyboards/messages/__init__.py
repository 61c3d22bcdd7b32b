"""Keyboards of messages: the message center's folders, conversations, notices and blacklist."""
