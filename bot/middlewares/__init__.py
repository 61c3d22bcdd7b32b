"""Every middleware of the dispatcher and of the bot's session, one per module; bot/app.py
registers them in the order they must run."""
