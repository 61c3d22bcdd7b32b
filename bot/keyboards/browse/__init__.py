"""Keyboards of the shopping half: the catalogue, results, product cards, store pages,
recently viewed."""
