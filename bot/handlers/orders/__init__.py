"""My orders: the tabs, the order card and its moves, search, and deleted orders."""
