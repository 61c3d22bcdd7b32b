"""My wishes: the lists (lists.py) and an item with its alerts (items.py)."""
