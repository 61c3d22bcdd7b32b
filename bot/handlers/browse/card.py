"""The product card, from any button or from a shared link (`/start p_<id>`), and a store's
own page; guests too."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.handlers.routes import Routes
from bot.keyboards.browse.card import card_kb
from bot.keyboards.browse.stores import store_page_kb
from bot.keyboards.callbacks import ProductCb, ShopCb
from bot.middlewares.context import Ctx
from bot.services.browse import card as service
from bot.services.browse.card import LINK_PREFIX, product_id_of_link
from bot.services.browse.drafts import DRAFT_KEY
from bot.services.browse.stores import store_page
from bot.views.browse.card import card_text
from bot.views.browse.stores import store_page_text
from bot.views.screen import show, show_photo_url

routes = Routes("browse.card", callbacks=(ProductCb, ShopCb))


async def show_card(event: Message | CallbackQuery, ctx: Ctx, product_id: int) -> None:
    """The card with its photo when it has one; the view goes to recently viewed."""
    card = await service.product_card(ctx.uow, ctx.user, product_id, ctx.now(), ctx.rules.browse)
    username = (await event.bot.me()).username if event.bot is not None else None
    has_results = (await ctx.state.get_data()).get(DRAFT_KEY) is not None
    markup = card_kb(card, username, has_results)
    if card.product.photo_url:
        caption, text = card_text(card, with_photo=True), card_text(card, with_photo=False)
        await show_photo_url(event, card.product.photo_url, caption, markup, fallback=text)
    else:
        await show(event, card_text(card, with_photo=False), markup)


@routes.message(CommandStart(deep_link=True, magic=F.args.startswith(LINK_PREFIX)))
async def card_from_link(message: Message, command: CommandObject, ctx: Ctx) -> None:
    """`t.me/<bot>?start=p_<id>`, a shared product: its card, for a guest too."""
    await ctx.state.set_state(None)
    await show_card(message, ctx, product_id_of_link(command.args or "") or 0)


@routes.callback_query(ProductCb.filter())
async def card_screen(query: CallbackQuery, callback_data: ProductCb, ctx: Ctx) -> None:
    await ctx.state.set_state(None)
    await show_card(query, ctx, callback_data.product_id)


@routes.callback_query(ShopCb.filter())
async def store_page_screen(query: CallbackQuery, callback_data: ShopCb, ctx: Ctx) -> None:
    await ctx.state.set_state(None)
    rules = ctx.rules.browse
    page = await store_page(
        ctx.uow, ctx.user, callback_data.store_id, callback_data.page, callback_data.new,
        ctx.now(), rules,
    )  # fmt: skip
    await show(query, store_page_text(page, rules.new_arrival_days), store_page_kb(page))
