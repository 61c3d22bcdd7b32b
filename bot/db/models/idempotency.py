"""The integration API's Idempotency-Keys and their sealed answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class IdempotencyRecord(Base):
    """A POST's Idempotency-Key: reserved by the request that runs it (no status yet), then
    its first response, returned again on a retry.

    Neither the key nor the answer is stored as such: the row is found by a hash of the key,
    and the answer (which may hold a sign-in link code or a buyer's data) is sealed with a key
    derived from the Idempotency-Key and API_TOKEN (bot/api/idempotency.py), so the database
    alone opens no replay. `buyer_id` names the buyer the request was about: deleting the
    account deletes the record."""

    __tablename__ = "idempotency_records"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    buyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status_code: Mapped[int | None] = mapped_column(Integer)  # None: still running
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(index=True)  # when reserved
