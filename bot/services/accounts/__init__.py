"""Accounts: who a Telegram user is (sessions), signing in and up, codes and their limits,
passwords and their hashing queue, changing credentials, and the marketplace's accounts."""
