"""The shopping half of the cabinet, open to guests: the catalogue, search, product cards
and store pages."""
