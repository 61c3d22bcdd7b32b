"""Accounts: signing in, signing up, a forgotten password, changing the password or the
e-mail, and deleting the account."""
