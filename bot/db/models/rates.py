"""Exchange rates the marketplace feeds, used only to show an amount in the buyer's display
currency beside what was paid."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base
from bot.db.types import DecimalText


class ExchangeRate(Base):
    """One unit of `base` is worth `rate` units of `quote`, as of `as_of`."""

    __tablename__ = "exchange_rates"

    base: Mapped[str] = mapped_column(String(3), primary_key=True)
    quote: Mapped[str] = mapped_column(String(3), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(DecimalText())
    as_of: Mapped[datetime]
    updated_at: Mapped[datetime]
