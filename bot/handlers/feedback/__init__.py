"""Feedback: the awaiting list, the buyer's feedback, and the form."""
