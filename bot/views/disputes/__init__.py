"""Texts of returns and disputes: the screens, the form, the refusals and the evidence export."""
