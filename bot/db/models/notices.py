"""Promotions from stores and notices from the platform, in the message center."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.enums import NoticeFolder
from bot.db.models.base import Base, enum_column


class Notice(Base):
    """A promotion from a store or a notice from the platform, in the message center."""

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("user_id", "external_id"),
        Index("ix_notices_user_folder_time", "user_id", "folder", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    folder: Mapped[NoticeFolder] = mapped_column(enum_column(NoticeFolder, 16))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
