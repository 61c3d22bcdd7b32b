"""Wrong passwords, counted per address for the sign-in lockout."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class SignInFailure(Base):
    """A wrong password for an e-mail (kept by a hash of the address, whether or not an
    account has it, so the lockout does not tell which addresses are registered). Written
    before the password is checked and deleted by a right one, so simultaneous attempts
    count each other, and a check that never finishes counts as wrong."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_key_time", "key", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime]
