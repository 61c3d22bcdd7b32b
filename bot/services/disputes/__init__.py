"""Returns and disputes: the rules, the buyer's moves, the card and the lists the screens read,
the form's draft, the marketplace's side and the pushes."""
