"""keyboards package."""
