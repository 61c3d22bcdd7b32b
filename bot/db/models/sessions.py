"""Which Telegram users are signed in to which buyer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class TelegramSession(Base):
    """A Telegram user signed in to a buyer row (an account, or their own guest row).

    One Telegram user is signed in to one buyer at a time; one account may be signed in from
    several Telegram users (a phone and a work account), and "sign out everywhere" ends them all.
    """

    __tablename__ = "telegram_sessions"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # guest, telegram, password, signup, link
    signed_in_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
