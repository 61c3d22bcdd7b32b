"""A buyer: a guest or an account, with their settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class User(Base):
    """A buyer: a guest (a Telegram user without an account) or an account.

    `telegram_id` is the chat pushes go to: a guest's own chat, or the chat that signed in to
    the account last (telegram_sessions says which chats are signed in). `telegram_owner_id`
    is the Telegram user the account belongs to (who made it with Continue with Telegram, or
    first opened a marketplace link to it): their Continue with Telegram leads back to it.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    telegram_owner_id: Mapped[int | None] = mapped_column(BigInteger, index=True, unique=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    linked_at: Mapped[datetime | None]
    unreachable_at: Mapped[datetime | None]
    quiet_from: Mapped[int | None] = mapped_column(Integer)  # hour, buyer's time zone
    quiet_until: Mapped[int | None] = mapped_column(Integer)
    daily_digest: Mapped[bool] = mapped_column(default=False)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    language_code: Mapped[str | None] = mapped_column(String(16))
    locale: Mapped[str | None] = mapped_column(String(8))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    onboarded_at: Mapped[datetime | None]
    # An account (not a guest) since: Continue with Telegram, a sign-up or the marketplace.
    registered_at: Mapped[datetime | None]
    password_hash: Mapped[str | None] = mapped_column(String(255))
    email_verified_at: Mapped[datetime | None]
    display_currency: Mapped[str | None] = mapped_column(String(3))
    avatar_file_id: Mapped[str | None] = mapped_column(String(255))
    deleted_at: Mapped[datetime | None]  # the account was deleted; the row keeps orders only
    recent_limit: Mapped[int | None] = mapped_column(Integer)  # None: the default length
    weekly_drops: Mapped[bool] = mapped_column(default=False)  # opt-in weekly digest of drops
    club_level: Mapped[int | None] = mapped_column(Integer)  # set by the marketplace; 4 = top
