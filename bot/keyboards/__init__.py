"""Keyboards, built per request from the data they show; every button's callback data is in
callbacks.py."""
