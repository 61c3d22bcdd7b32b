"""Messages: the message center, and the conversation with the seller about an order."""
