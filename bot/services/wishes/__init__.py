"""My wishes: the buyer's lists, what is in them, and the price and stock alerts they follow."""
