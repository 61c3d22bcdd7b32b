"""Returns and disputes: the rules, the buyer's moves, what the screens load, the form's draft,
the marketplace's side and the pushes."""
