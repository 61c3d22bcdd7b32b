"""Feedback on completed orders: the rules, the buyer's feedback, what the screens load, the
form's draft, store ratings and the marketplace's side."""
