"""The price chart's keyboard: its periods and the way back to the product card."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards.callbacks import ChartCb, ProductCb
from bot.keyboards.nav import button
from bot.services.browse.charts import CHART_PERIODS
from bot.views import format as fmt


def period_label(days: int, current: bool) -> str:
    # NOTE: a chart period button, e.g. "30 days"
    label = ngettext("{count} day", "{count} days", days).format(count=fmt.number(days))
    return f"• {label} •" if current else label


def chart_kb(product_id: int, days: int) -> InlineKeyboardMarkup:
    periods = [
        button(period_label(period, period == days), ChartCb(product_id=product_id, days=period))
        for period in CHART_PERIODS
    ]
    back = button(_("⬅️ Back to the product"), ProductCb(product_id=product_id))
    return InlineKeyboardMarkup(inline_keyboard=[periods, [back]])
