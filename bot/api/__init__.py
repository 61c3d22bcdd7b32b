"""The integration HTTP API through which the marketplace feeds the cabinet."""
