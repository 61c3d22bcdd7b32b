"""Complaints: the report form (reason → details or skip → anonymity → review → submit) and
the buyer's list of complaints with their statuses."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.db.enums import ComplaintReason, ComplaintTarget
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import (
    ComplaintListCb,
    ReportCb,
    ReportReasonCb,
    ReportStep,
    ReportStepCb,
)
from bot.keyboards.complaints import (
    anonymity_kb,
    complaints_kb,
    reasons_kb,
    review_kb,
    sent_kb,
    skip_text_kb,
)
from bot.keyboards.messages.center import center_button, center_only_kb
from bot.services import complaints as service
from bot.services.complaints import ComplaintSubject
from bot.services.errors import TextTooLong
from bot.services.paging import page_count
from bot.views import complaints as views
from bot.views.fit import too_long_text
from bot.views.screen import show

SUBJECT_KEPT = 200  # characters of the subject's name the form keeps to name it
routes = Routes(
    "complaints",
    callbacks=(ReportCb, ReportReasonCb, ReportStepCb, ComplaintListCb),
    account_only=True,
)
PAGE_SIZE = 5


class ReportForm(StatesGroup):
    reason = State()
    details = State()
    anonymity = State()
    review = State()


async def _review(event: Message | CallbackQuery, data: dict[str, Any]) -> None:
    text = views.review_text(
        ComplaintTarget(data["target"]),
        ComplaintSubject(**data.get("subject", {})),
        ComplaintReason(data["reason"]),
        data.get("text", ""),
        bool(data.get("anonymous")),
    )
    await show(event, text, review_kb())


async def start_report(
    query: CallbackQuery,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
    target: ComplaintTarget,
    target_id: int,
) -> None:
    """The report form's first step; other sections (the store screen) start it too."""
    subject = await service.check_target(uow, user.id, target, target_id)
    await state.set_state(ReportForm.reason)
    # The name only as far as the form shows it (a message may be long).
    named = {"name": (subject.name or "")[:SUBJECT_KEPT] or None, "titles": subject.titles}
    await state.set_data({"target": target.value, "target_id": target_id, "subject": named})
    await show(query, views.reason_prompt_text(target, subject), reasons_kb())


@routes.callback_query(ReportCb.filter())
async def on_report(
    query: CallbackQuery, callback_data: ReportCb, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await start_report(query, uow, user, state, callback_data.target, callback_data.target_id)


@routes.callback_query(StateFilter(ReportForm.reason), ReportReasonCb.filter())
async def on_reason(query: CallbackQuery, callback_data: ReportReasonCb, state: FSMContext) -> None:
    await state.update_data(reason=callback_data.reason.value)
    await state.set_state(ReportForm.details)
    await show(query, views.details_prompt_text(), skip_text_kb())


@routes.message(StateFilter(ReportForm.details), HasText())
async def on_details(message: Message, state: FSMContext) -> None:
    try:
        text = service.check_text(message.text or "")
    except TextTooLong as error:
        problem = too_long_text(error.length, error.max_length)
        await message.answer(
            f"{problem}\n\n{views.details_prompt_text()}", reply_markup=skip_text_kb()
        )
        return
    await state.update_data(text=text)
    await state.set_state(ReportForm.anonymity)
    await message.answer(views.anonymity_prompt_text(), reply_markup=anonymity_kb())


@routes.message(StateFilter(ReportForm.details))
async def on_details_not_text(message: Message) -> None:
    await message.answer(_("Please describe the problem as text, or press Skip."))


@routes.callback_query(
    StateFilter(ReportForm.details), ReportStepCb.filter(F.step == ReportStep.SKIP)
)
async def on_skip(query: CallbackQuery, state: FSMContext) -> None:
    await state.update_data(text="")
    await state.set_state(ReportForm.anonymity)
    await show(query, views.anonymity_prompt_text(), anonymity_kb())


@routes.callback_query(
    StateFilter(ReportForm.anonymity),
    ReportStepCb.filter(F.step.in_({ReportStep.ANONYMOUS, ReportStep.NAMED})),
)
async def on_anonymity(
    query: CallbackQuery, callback_data: ReportStepCb, state: FSMContext
) -> None:
    await state.update_data(anonymous=callback_data.step is ReportStep.ANONYMOUS)
    await state.set_state(ReportForm.review)
    await _review(query, await state.get_data())


@routes.callback_query(
    StateFilter(ReportForm.review), ReportStepCb.filter(F.step == ReportStep.SUBMIT)
)
async def on_submit(
    query: CallbackQuery, uow: UnitOfWork, user: User, clock: Clock, state: FSMContext
) -> None:
    data = await state.get_data()
    await service.file_complaint(
        uow,
        user.id,
        ComplaintTarget(data["target"]),
        int(data["target_id"]),
        ComplaintReason(data["reason"]),
        str(data.get("text", "")),
        bool(data.get("anonymous")),
        clock.now(),
    )
    await state.clear()
    await show(query, views.sent_text(), sent_kb())


@routes.callback_query(ReportStepCb.filter(F.step == ReportStep.CANCEL))
async def on_cancel(
    query: CallbackQuery, state: FSMContext, callback_answer: CallbackAnswer
) -> None:
    await state.clear()
    callback_answer.text = views.cancelled_text()
    await show(query, views.cancelled_text(), center_only_kb())


@routes.callback_query(ComplaintListCb.filter())
async def on_complaints(
    query: CallbackQuery,
    callback_data: ComplaintListCb,
    uow: UnitOfWork,
    user: User,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    page = max(callback_data.page, 0)
    listing = await service.list_complaints(uow, user.id, page * PAGE_SIZE, PAGE_SIZE)
    pages = page_count(listing.total, PAGE_SIZE)
    await show(
        query, views.complaints_text(listing, tz), complaints_kb(page, pages, center_button())
    )
