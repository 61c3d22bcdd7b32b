"""The price chart of a product, from its card (open to guests): a picture with a caption,
its periods, and Back to the card."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import ChartCb
from bot.keyboards.charts import chart_kb
from bot.middlewares.context import Ctx
from bot.services.browse.charts import price_chart
from bot.views import charts as views
from bot.views import format as fmt
from bot.views.charts import ChartRenderer
from bot.views.screen import show_photo

routes = Routes("charts", callbacks=(ChartCb,))


@routes.callback_query(ChartCb.filter())
async def chart_screen(
    query: CallbackQuery,
    callback_data: ChartCb,
    ctx: Ctx,
    charts: ChartRenderer,
    callback_answer: CallbackAnswer,
) -> None:
    chart = await price_chart(ctx.uow, callback_data.product_id, callback_data.days, ctx.now())
    locale = get_i18n().current_locale
    png = await views.price_chart_png(chart, charts, locale, ctx.tz, fmt.current_display())
    if png is None:
        callback_answer.text = views.no_chart_text()
        callback_answer.show_alert = True
        return
    markup = chart_kb(chart.product.id, chart.days)
    await show_photo(query, png, views.chart_caption(chart), markup)
