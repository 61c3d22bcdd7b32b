"""Complaints: the report form (reason → details or skip → anonymity → review → submit) and
the buyer's list of complaints with their statuses."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.db.enums import ComplaintReason, ComplaintTarget
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
from bot.middlewares.context import Ctx
from bot.services import complaints as service
from bot.services.complaints import ComplaintSubject
from bot.services.errors import TextTooLong
from bot.views import complaints as views
from bot.views.fit import too_long_text
from bot.views.screen import show

SUBJECT_KEPT = 200  # characters of the subject's name the form keeps to name it
routes = Routes(
    "complaints",
    callbacks=(ReportCb, ReportReasonCb, ReportStepCb, ComplaintListCb),
    account_only=True,
)


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
    query: CallbackQuery, ctx: Ctx, target: ComplaintTarget, target_id: int
) -> None:
    """The report form's first step; other sections (the store screen) start it too."""
    subject = await service.check_target(ctx.uow, ctx.user.id, target, target_id)
    await ctx.state.set_state(ReportForm.reason)
    # The name only as far as the form shows it (a message may be long).
    named = {"name": (subject.name or "")[:SUBJECT_KEPT] or None, "titles": subject.titles}
    await ctx.state.set_data({"target": target.value, "target_id": target_id, "subject": named})
    await show(query, views.reason_prompt_text(target, subject), reasons_kb())


@routes.callback_query(ReportCb.filter())
async def on_report(query: CallbackQuery, callback_data: ReportCb, ctx: Ctx) -> None:
    await start_report(query, ctx, callback_data.target, callback_data.target_id)


@routes.callback_query(StateFilter(ReportForm.reason), ReportReasonCb.filter())
async def on_reason(query: CallbackQuery, callback_data: ReportReasonCb, ctx: Ctx) -> None:
    await ctx.state.update_data(reason=callback_data.reason.value)
    await ctx.state.set_state(ReportForm.details)
    await show(query, views.details_prompt_text(), skip_text_kb())


@routes.message(StateFilter(ReportForm.details), HasText())
async def on_details(message: Message, ctx: Ctx) -> None:
    try:
        text = service.check_text(message.text or "")
    except TextTooLong as error:
        problem = too_long_text(error.length, error.max_length)
        await message.answer(
            f"{problem}\n\n{views.details_prompt_text()}", reply_markup=skip_text_kb()
        )
        return
    await ctx.state.update_data(text=text)
    await ctx.state.set_state(ReportForm.anonymity)
    await message.answer(views.anonymity_prompt_text(), reply_markup=anonymity_kb())


@routes.message(StateFilter(ReportForm.details))
async def on_details_not_text(message: Message) -> None:
    await message.answer(views.details_not_text())


@routes.callback_query(
    StateFilter(ReportForm.details), ReportStepCb.filter(F.step == ReportStep.SKIP)
)
async def on_skip(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.update_data(text="")
    await ctx.state.set_state(ReportForm.anonymity)
    await show(query, views.anonymity_prompt_text(), anonymity_kb())


@routes.callback_query(
    StateFilter(ReportForm.anonymity),
    ReportStepCb.filter(F.step.in_({ReportStep.ANONYMOUS, ReportStep.NAMED})),
)
async def on_anonymity(query: CallbackQuery, callback_data: ReportStepCb, ctx: Ctx) -> None:
    await ctx.state.update_data(anonymous=callback_data.step is ReportStep.ANONYMOUS)
    await ctx.state.set_state(ReportForm.review)
    await _review(query, await ctx.state.get_data())


@routes.callback_query(
    StateFilter(ReportForm.review), ReportStepCb.filter(F.step == ReportStep.SUBMIT)
)
async def on_submit(query: CallbackQuery, ctx: Ctx) -> None:
    data = await ctx.state.get_data()
    await service.file_complaint(
        ctx.uow,
        ctx.user.id,
        ComplaintTarget(data["target"]),
        int(data["target_id"]),
        ComplaintReason(data["reason"]),
        str(data.get("text", "")),
        bool(data.get("anonymous")),
        ctx.now(),
    )
    await ctx.state.clear()
    await show(query, views.sent_text(), sent_kb())


@routes.callback_query(ReportStepCb.filter(F.step == ReportStep.CANCEL))
async def on_cancel(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    await ctx.state.clear()
    callback_answer.text = views.cancelled_text()
    await show(query, views.cancelled_text(), center_only_kb())


@routes.callback_query(ComplaintListCb.filter())
async def complaints_screen(query: CallbackQuery, callback_data: ComplaintListCb, ctx: Ctx) -> None:
    """My complaints, a page at a time; whatever form was open is left."""
    await ctx.state.clear()
    size = ctx.rules.complaints_page_size
    listing = await service.list_complaints(ctx.uow, ctx.user.id, callback_data.page, size)
    await show(
        query, views.complaints_text(listing, ctx.tz), complaints_kb(listing, center_button())
    )
