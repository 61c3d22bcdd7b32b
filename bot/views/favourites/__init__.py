"""Texts of favourite stores: the list, a saved store's screen, its refusals and pushes."""
