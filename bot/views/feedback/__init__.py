"""Texts of feedback: the screens and the form, and the refusals."""
