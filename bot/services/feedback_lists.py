"""What the buyer's "My feedback" tab loads: every feedback the buyer has left, newest first,
with what each one holds (stars, text, photos, an addition, the seller's reply)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.models import Feedback, Order
from bot.db.uow import UnitOfWork
from bot.services.paging import page_count


@dataclass(frozen=True)
class LeftFeedback:
    feedback: Feedback
    order: Order  # store loaded
    photos: int  # the addition's photos included


@dataclass(frozen=True)
class LeftFeedbackPage:
    items: list[LeftFeedback]
    total: int
    page: int
    pages: int


async def my_feedback(
    uow: UnitOfWork, buyer_id: int, page: int, page_size: int
) -> LeftFeedbackPage:
    """One page of the buyer's feedback on orders outside the trash; a page past the end
    shows the last one."""
    async with uow:
        page = max(page, 0)
        rows, total = await uow.feedback.left_page(buyer_id, page * page_size, page_size)
        pages = page_count(total, page_size)
        if page >= pages:
            page = pages - 1
            rows, total = await uow.feedback.left_page(buyer_id, page * page_size, page_size)
        photos = await uow.feedback.photo_counts([feedback.id for feedback, _ in rows])
        items = [
            LeftFeedback(feedback, order, photos.get(feedback.id, 0)) for feedback, order in rows
        ]
        return LeftFeedbackPage(items, total, page, pages)
