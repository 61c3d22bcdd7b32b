"""The feedback form's draft: the steps in order and the answers so far, kept as plain JSON in
FSM data so a half-filled form survives a restart with Redis storage."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot.services.feedback.rules import MAX_PHOTOS, Ratings


class FeedbackStep(StrEnum):
    RATING = "rating"
    AS_DESCRIBED = "as_described"
    COMMUNICATION = "communication"
    SHIPPING_SPEED = "shipping_speed"
    TEXT = "text"
    PHOTOS = "photos"


STAR_STEPS = (
    FeedbackStep.RATING,
    FeedbackStep.AS_DESCRIBED,
    FeedbackStep.COMMUNICATION,
    FeedbackStep.SHIPPING_SPEED,
)
ALL_STEPS = (*STAR_STEPS, FeedbackStep.TEXT, FeedbackStep.PHOTOS)


@dataclass(frozen=True)
class FeedbackDraft:
    """`additional`: the one later addition (text and photos only, no stars)."""

    order_id: int
    number: str  # shown in every step's header
    additional: bool = False
    stars: dict[str, int] = field(default_factory=dict)
    text: str = ""
    photos: tuple[str, ...] = ()
    reviewing: bool = False

    @property
    def steps(self) -> tuple[FeedbackStep, ...]:
        return ALL_STEPS[len(STAR_STEPS) :] if self.additional else ALL_STEPS

    def with_stars(self, step: FeedbackStep, stars: int) -> FeedbackDraft:
        return replace(self, stars={**self.stars, step.value: stars})

    def with_photo(self, file_id: str) -> FeedbackDraft:
        return replace(self, photos=(*self.photos, file_id)[:MAX_PHOTOS])

    @property
    def photos_full(self) -> bool:
        return len(self.photos) >= MAX_PHOTOS

    def next_step(self, after: FeedbackStep) -> FeedbackStep | None:
        """The following step; None means the review. While reviewing, an edited star step
        leads through the other stars, any other step straight back to the review."""
        steps = self.steps
        index = steps.index(after) + 1
        if self.reviewing and (after not in STAR_STEPS or index >= len(STAR_STEPS)):
            return None
        return steps[index] if index < len(steps) else None

    def previous_step(self, before: FeedbackStep) -> FeedbackStep | None:
        index = self.steps.index(before)
        return self.steps[index - 1] if index > 0 else None

    def ratings(self) -> Ratings | None:
        if any(step.value not in self.stars for step in STAR_STEPS):
            return None
        return Ratings(*(self.stars[step.value] for step in STAR_STEPS))

    def to_data(self) -> dict[str, Any]:
        return {
            "feedback_draft": {
                "order_id": self.order_id,
                "number": self.number,
                "additional": self.additional,
                "stars": dict(self.stars),
                "text": self.text,
                "photos": list(self.photos),
                "reviewing": self.reviewing,
            }
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FeedbackDraft | None:
        raw = data.get("feedback_draft")
        if not isinstance(raw, dict):
            return None
        return cls(
            order_id=int(raw["order_id"]),
            number=str(raw.get("number", "")),
            additional=bool(raw.get("additional")),
            stars={str(k): int(v) for k, v in raw.get("stars", {}).items()},
            text=str(raw.get("text", "")),
            photos=tuple(str(p) for p in raw.get("photos", [])),
            reviewing=bool(raw.get("reviewing")),
        )
