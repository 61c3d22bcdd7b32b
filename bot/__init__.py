"""Cabinet bot: a marketplace buyer's personal cabinet in Telegram."""
