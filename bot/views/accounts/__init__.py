"""Texts of accounts: signing in and up, codes and passwords, changing credentials and
deleting the account."""
