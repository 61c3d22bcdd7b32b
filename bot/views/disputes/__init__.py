"""Texts of returns and disputes: the screens, the form, the refusals, the evidence export and
the pushes."""
