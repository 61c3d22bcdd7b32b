"""Messages: the message center with its folders and blacklist, the conversation about an
order, the after-sale letters, and the sample account's messages."""
