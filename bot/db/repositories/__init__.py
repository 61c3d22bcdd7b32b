"""Data access, one repository per aggregate; buyer-owned rows only by owner-scoped lookups."""
