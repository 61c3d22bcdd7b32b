"""Texts of the shopping half: the catalogue, search, product cards, store pages, recently
viewed and questions to sellers."""
