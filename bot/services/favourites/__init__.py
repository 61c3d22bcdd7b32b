"""Favourite stores: saving a store, the list with what is new since the last visit, the
stores' coupons to take, and the opt-in pushes of their news."""
