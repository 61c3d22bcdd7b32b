"""Accounts inside Telegram: which chats are signed in to which account, e-mail codes, failed
sign-ins, shipping addresses, and the server's own secrets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
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


class EmailCode(Base):
    """A 6-digit code sent to an address: to confirm a sign-up, a new address or a password
    reset. Only its HMAC is kept; `payload` holds what the code unlocks (e.g. the new password's
    hash for a sign-up), never anything in clear."""

    __tablename__ = "email_codes"
    __table_args__ = (Index("ix_email_codes_user_purpose", "user_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(24))
    email: Mapped[str] = mapped_column(String(254))
    code_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


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


class Address(Base):
    """A shipping address of an account; one of them may be the default."""

    __tablename__ = "addresses"
    __table_args__ = (Index("ix_addresses_user", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(20))  # E.164
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    region: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(16))
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class AppSecret(Base):
    """Secrets the server makes for itself on first use (e.g. the key that hashes e-mail
    codes), so a fresh install is safe without one more setting to get right."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
