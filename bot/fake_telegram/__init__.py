"""fake_telegram package."""
