"""Routers of the cabinet, one per section, in the order they must be tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    charts,
    complaints,
    coupons,
    favourites,
    operator,
    profile,
    settings,
    stale,
    start,
    stores,
)
from bot.handlers import help as help_pages
from bot.handlers.accounts import auth, credentials, deletion, reset, signup
from bot.handlers.addresses import form as address_form
from bot.handlers.addresses import screens as addresses
from bot.handlers.addresses import steps as address_steps
from bot.handlers.browse import card as product_card
from bot.handlers.browse import recent as recently_viewed
from bot.handlers.browse import shop as shop_search
from bot.handlers.disputes import form as dispute_form
from bot.handlers.disputes import moves as dispute_moves
from bot.handlers.disputes import screens as disputes
from bot.handlers.feedback import form as feedback_form
from bot.handlers.feedback import screens as feedback
from bot.handlers.messages import center as message_center
from bot.handlers.messages import conversation as messages
from bot.handlers.orders import screens as orders
from bot.handlers.orders import search, trash
from bot.handlers.wishes import items as wish_items
from bot.handlers.wishes import lists as wish_lists


def section_routers() -> list[Router]:
    """Fresh routers: commands first (so /cancel beats an open form), the stale catch-all last.

    `profile` comes before the sections with text forms, so /profile beats their forms.
    """
    return [
        module.routes.build()
        for module in (
            product_card,  # before start: /start p_<id> opens a product
            start,
            operator,
            auth,
            signup,
            reset,
            settings,
            orders,
            stores,
            trash,
            coupons,
            recently_viewed,
            shop_search,
            help_pages,
            profile,
            credentials,
            deletion,
            messages,
            search,
            addresses,
            address_form,
            address_steps,
            feedback,
            feedback_form,
            message_center,
            complaints,
            disputes,
            dispute_moves,
            dispute_form,
            wish_lists,
            wish_items,
            charts,
            favourites,
            stale,
        )
    ]
