"""The shopping half, open to guests: product cards and deep links, store pages, the
catalogue and search, recently viewed; asking a seller (accounts only)."""
