"""Every button's callback data: one `CallbackData` factory per kind of button, with the small
enums that name a button's action.

A factory carries ids only, never whose (the buyer comes from the update); its prefix is 1-4
lowercase letters, unique across the bot, and it packs into Telegram's 64 bytes with
worst-case values (tests/test_architecture.py checks all three). Numbers are bounded
(bot/keyboards/numbers.py), so a forged press is an out-of-date button.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.db.enums import ComplaintReason, ComplaintTarget, DisputeReason
from bot.keyboards.numbers import PageNumber, RowId
from bot.services.addresses.book import AddressField
from bot.services.browse.search import SortBy
from bot.services.coupons import CouponTab
from bot.services.disputes.lists import DisputeTab
from bot.services.events import NoticeKind
from bot.services.feedback.drafts import FeedbackStep
from bot.services.notifications import QuietPreset
from bot.services.orders.buyer import OrderTab
from bot.views.help import HelpTopic

# --- home, help and the language picker; My orders and Deleted orders from anywhere -----------


class NavAction(StrEnum):
    HOME = "home"
    HELP = "help"
    LANGUAGE = "lang"
    SETTINGS = "set"
    NOTIFICATIONS = "ntf"
    QUIET = "qh"


class NavCb(CallbackData, prefix="nav"):
    action: NavAction


class LangCb(CallbackData, prefix="lng"):
    locale: str


class OrderListCb(CallbackData, prefix="ol"):
    tab: OrderTab
    page: PageNumber = 0


class TrashListCb(CallbackData, prefix="tl"):
    page: PageNumber = 0


class HelpCb(CallbackData, prefix="hlp"):
    topic: HelpTopic


# --- My orders, the conversation about an order, and search -----------------------------------


class OrderAction(StrEnum):
    OPEN = "o"
    TRACK = "t"
    CONFIRM_ASK = "ca"
    CONFIRM = "c"
    EXTEND = "x"
    DELETE = "d"
    MESSAGES = "m"
    WRITE = "w"
    PHOTOS = "p"


class OrderCb(CallbackData, prefix="ord"):
    """An action on one order; tab, from_search and page say where Back leads."""

    action: OrderAction
    order_id: RowId
    tab: OrderTab = OrderTab.ALL
    from_search: bool = False
    page: PageNumber = 0


class ConversationCb(CallbackData, prefix="omp"):
    """A page of the conversation about an order (0: the newest messages); tab and
    from_search keep where Back from the order leads."""

    order_id: RowId
    page: PageNumber
    tab: OrderTab = OrderTab.ALL
    from_search: bool = False


class SearchAction(StrEnum):
    START = "s"
    PAGE = "p"


class SearchCb(CallbackData, prefix="os"):
    action: SearchAction
    page: PageNumber = 0


# --- deleted orders ---------------------------------------------------------------------------


class TrashAction(StrEnum):
    OPEN = "o"
    RESTORE = "r"
    PURGE_ASK = "pa"
    PURGE = "p"


class TrashCb(CallbackData, prefix="tr"):
    action: TrashAction
    order_id: RowId
    page: PageNumber = 0


# --- coupons ----------------------------------------------------------------------------------


class CouponListCb(CallbackData, prefix="cpl"):
    tab: CouponTab
    page: PageNumber = 0


class CouponAction(StrEnum):
    OPEN = "o"


class CouponCb(CallbackData, prefix="cpn"):
    """An action on one coupon; tab and page say where Back leads."""

    action: CouponAction
    coupon_id: RowId
    tab: CouponTab = CouponTab.ACTIVE
    page: PageNumber = 0


# --- the store screen -------------------------------------------------------------------------


class StoreAct(StrEnum):
    OPEN = "o"
    BLOCK_ASK = "ba"
    BLOCK = "b"
    UNBLOCK = "u"
    REPORT = "r"
    PRODUCTS = "p"


class StoreCb(CallbackData, prefix="sto"):
    """An action on the store of one of the buyer's orders (the order proves the right)."""

    action: StoreAct
    order_id: RowId


class StoreProductCb(CallbackData, prefix="stp"):
    """Report this product of that order."""

    order_id: RowId
    product_id: RowId


# --- complaints -------------------------------------------------------------------------------


class ReportCb(CallbackData, prefix="rpt"):
    """Start a report about a product, a store or a message."""

    target: ComplaintTarget
    target_id: RowId


class ReportReasonCb(CallbackData, prefix="rpr"):
    reason: ComplaintReason


class ReportStep(StrEnum):
    SKIP = "s"
    NAMED = "n"
    ANONYMOUS = "a"
    SUBMIT = "ok"
    CANCEL = "x"


class ReportStepCb(CallbackData, prefix="rps"):
    step: ReportStep


class ComplaintListCb(CallbackData, prefix="rpl"):
    page: PageNumber = 0


# --- returns and disputes ---------------------------------------------------------------------


class DisputeAct(StrEnum):
    OPEN = "o"
    HISTORY = "h"
    ACCEPT_ASK = "aa"
    ACCEPT = "a"
    REJECT = "r"
    ESCALATE = "e"
    CANCEL_ASK = "ca"
    CANCEL = "c"
    MESSAGE = "m"
    EXPORT = "x"
    RETURN = "rs"


class DisputeCb(CallbackData, prefix="dsp"):
    """An action on one dispute; tab and page say where Back leads."""

    action: DisputeAct
    dispute_id: RowId
    tab: DisputeTab = DisputeTab.ACTIVE
    page: PageNumber = 0


class DisputeHistoryCb(CallbackData, prefix="dsh"):
    """A page of a dispute's whole correspondence (0: the newest messages)."""

    dispute_id: RowId
    page: PageNumber
    tab: DisputeTab = DisputeTab.ACTIVE


class DisputeListCb(CallbackData, prefix="dsl"):
    tab: DisputeTab
    page: PageNumber = 0


class DisputeStartCb(CallbackData, prefix="dso"):
    """ "Open dispute" on an order card."""

    order_id: RowId


class DisputeStep(StrEnum):
    REASON = "r"
    REFUND = "f"
    RETURN = "g"
    DESCRIPTION = "d"
    EVIDENCE = "e"


class DisputeFormAct(StrEnum):
    FULL = "f"
    PARTIAL = "p"
    RETURN_YES = "y"
    RETURN_NO = "n"
    DONE = "d"
    SUBMIT = "s"
    CANCEL = "c"
    BACK = "b"


class DisputeFormCb(CallbackData, prefix="dsf"):
    action: DisputeFormAct


class DisputeReasonCb(CallbackData, prefix="dsr"):
    reason: DisputeReason


class DisputeEditCb(CallbackData, prefix="dse"):
    step: DisputeStep


# --- feedback ---------------------------------------------------------------------------------


class FeedbackListCb(CallbackData, prefix="fbl"):
    page: PageNumber = 0


class MyFeedbackCb(CallbackData, prefix="fbm"):
    """The "My feedback" tab: every feedback the buyer has left."""

    page: PageNumber = 0


class FeedbackAction(StrEnum):
    RATE = "r"  # start the form
    OPEN = "o"  # the buyer's feedback card
    ADD = "a"  # start the one addition


class FeedbackCb(CallbackData, prefix="fb"):
    action: FeedbackAction
    order_id: RowId


class StarsCb(CallbackData, prefix="fbs"):
    stars: Annotated[int, Field(ge=1, le=5)]


class FeedbackFormAction(StrEnum):
    SKIP = "s"
    DONE = "d"
    BACK = "b"
    CANCEL = "c"
    SUBMIT = "ok"
    EDIT = "e"
    REVIEW = "rv"


class FeedbackFormCb(CallbackData, prefix="fbf"):
    action: FeedbackFormAction


class EditCb(CallbackData, prefix="fbe"):
    step: FeedbackStep


# --- messages ---------------------------------------------------------------------------------


class McScreen(StrEnum):
    HOME = "h"
    CHATS = "c"
    ORDERS = "o"
    PROMOTIONS = "p"
    PLATFORM = "n"
    BLOCKED = "b"
    DISPUTES = "d"  # letters in the buyer's disputes
    REPLIES = "r"  # sellers' replies to the buyer's feedback


class McCb(CallbackData, prefix="mc"):
    """A screen of the message center; page for the notice folders and the orders."""

    screen: McScreen
    page: PageNumber = 0


class ChatAction(StrEnum):
    OPEN = "o"
    REPLY = "r"
    BLOCK_ASK = "ba"
    BLOCK = "b"
    PHOTOS = "p"
    REPORT_LIST = "rl"


class StoreChatCb(CallbackData, prefix="mcs"):
    """A seller's conversation; page 0 holds the newest messages."""

    action: ChatAction
    store_id: RowId
    page: PageNumber = 0


class NoticeCb(CallbackData, prefix="mcn"):
    """One promotion or platform notice; page says where Back leads."""

    notice_id: RowId
    page: PageNumber = 0


class UnblockCb(CallbackData, prefix="mcu"):
    store_id: RowId


# --- shipping addresses -----------------------------------------------------------------------


class AddressListAction(StrEnum):
    SHOW = "s"
    ADD = "a"  # opens the form for a new address
    WELCOME = "w"  # the same, offered after sign-up: it ends on the home screen


class AddressListCb(CallbackData, prefix="adl"):
    action: AddressListAction = AddressListAction.SHOW


class AddressAction(StrEnum):
    OPEN = "o"
    EDIT = "e"
    SET_DEFAULT = "d"
    DELETE_ASK = "da"
    DELETE = "x"


class AddressCb(CallbackData, prefix="adr"):
    action: AddressAction
    address_id: RowId


class AddressFormAction(StrEnum):
    BACK = "b"
    CANCEL = "c"
    NO_POSTAL_CODE = "np"
    SAVE = "ok"
    FIELDS = "f"  # "Edit a field": which one
    REVIEW = "r"


class FormCb(CallbackData, prefix="adf"):
    """A button of the step the buyer is on (the step itself is in the FSM state)."""

    action: AddressFormAction


class CountryCb(CallbackData, prefix="adc"):
    code: str


class FieldCb(CallbackData, prefix="adfe"):
    field: AddressField


# --- signing in, signing up and signing out ---------------------------------------------------


class AuthAction(StrEnum):
    MENU = "menu"  # the "sign in or create an account" screen
    TELEGRAM = "tg"  # Continue with Telegram: an account bound to this Telegram user
    SIGN_IN = "in"  # e-mail and password
    SIGN_UP = "up"  # e-mail (confirmed by a code) and password
    FORGOT = "fgt"  # a code to the e-mail, then a new password
    RESEND = "rs"  # send the e-mail code again
    SIGN_OUT = "out"  # asks: this device or everywhere
    SIGN_OUT_HERE = "outh"
    SIGN_OUT_ALL = "outa"  # asks: sure, everywhere?
    SIGN_OUT_ALL_YES = "outy"


class AuthCb(CallbackData, prefix="au"):
    action: AuthAction


# --- profile ----------------------------------------------------------------------------------


class ProfileAction(StrEnum):
    OPEN = "open"
    NAME = "name"
    EMAIL = "mail"  # handled by the e-mail change flow (accounts)
    EMAIL_CONFIRM = "mailc"  # a code to the current, unconfirmed e-mail
    PASSWORD = "pwd"  # noqa: S105 - handled by the password change flow (accounts)
    PASSWORD_CODE = "pwdc"  # noqa: S105 - a code by e-mail instead of the current password
    CURRENCY = "cur"
    CURRENCY_AS_ORDER = "curo"
    TIME_ZONE = "tz"
    TIME_ZONE_SEARCH = "tzs"
    AVATAR = "ava"
    AVATAR_REMOVE = "avx"
    EXPORT = "exp"
    DELETE = "del"  # handled by the account deletion flow (accounts)
    DELETE_CODE = "delc"  # a code by e-mail instead of the password, to delete


class ProfileCb(CallbackData, prefix="prf"):
    action: ProfileAction


class CurrencyCb(CallbackData, prefix="pcu"):
    code: str


class TimeZoneCb(CallbackData, prefix="ptz"):
    zone: str  # an IANA id; the longest is 32 bytes


# --- settings and notifications ---------------------------------------------------------------


class NotifyAction(StrEnum):
    ENABLE = "on"
    DISABLE = "off"
    MUTE = "m"


class QuietCb(CallbackData, prefix="qh"):
    preset: QuietPreset


class DigestCb(CallbackData, prefix="dg"):
    enabled: bool


class NotifyCb(CallbackData, prefix="ntf"):
    """MUTE comes from a push (answers with a toast); ENABLE/DISABLE from the settings screen."""

    action: NotifyAction
    kind: NoticeKind


# --- browsing: product cards and store pages, open to guests ------------------------------------


class ProductAct(StrEnum):
    OPEN = "o"


class ProductCb(CallbackData, prefix="pc"):
    """A product's card (from search, a store page, wishes, recently viewed or a push)."""

    action: ProductAct = ProductAct.OPEN
    product_id: RowId


class ShopCb(CallbackData, prefix="shp"):
    """A store's own page: its products and new arrivals (any store, not only an order's)."""

    store_id: RowId
    page: PageNumber = 0
    new: bool = False  # only the new arrivals


class ChartCb(CallbackData, prefix="chr"):
    """A product's price history as a picture, over the last `days` days."""

    product_id: RowId
    days: Annotated[int, Field(ge=1, le=3660)] = 90


# --- wishes and favourite stores ----------------------------------------------------------------


class WishAddCb(CallbackData, prefix="wa"):
    """Add to wishes (from a product card); a guest signs in first, then it is done."""

    product_id: RowId


class FavAct(StrEnum):
    SAVE = "s"
    UNSAVE = "u"


class FavStoreCb(CallbackData, prefix="fvs"):
    """Save a store to (or take it off) the favourites, from a store page or a product card."""

    action: FavAct
    store_id: RowId


# --- favourite stores: the list, a saved store's screen, its coupons to take --------------------


class FavListCb(CallbackData, prefix="fvl"):
    """A page of Favourite stores."""

    page: PageNumber = 0


class FavScreenAct(StrEnum):
    OPEN = "o"  # the saved store's screen (marks its new arrivals seen)
    NEWS_ON = "n"  # push its new arrivals and discounts
    NEWS_OFF = "f"


class FavCb(CallbackData, prefix="fvo"):
    """A saved store's screen and its switches; page says where Back leads."""

    action: FavScreenAct
    store_id: RowId
    page: PageNumber = 0


class FavTakeCb(CallbackData, prefix="fvt"):
    """Take a store's coupon offer into My coupons; page says where Back leads."""

    offer_id: RowId
    page: PageNumber = 0


# --- browsing: the catalogue, search results, recently viewed, questions to sellers -----------


class CatalogCb(CallbackData, prefix="bc"):
    """A level of the category tree (0: the top level); `products`: the category's products."""

    category_id: RowId = 0
    products: bool = False


class ResultsAct(StrEnum):
    PAGE = "p"  # a page of the results of the search draft (FSM data)
    BACK = "b"  # the page of the results the buyer was on
    WORDS = "w"  # ask for words to look for
    FILTERS = "f"
    SORT = "s"
    PRICE = "pr"  # ask for a price range
    STOCK = "st"  # in stock only, on or off
    STORES = "sts"  # which store
    RATING = "rt"  # the minimum rating
    RESET = "x"  # every filter off


class ResultsCb(CallbackData, prefix="bs"):
    action: ResultsAct
    page: PageNumber = 0


class SortCb(CallbackData, prefix="bso"):
    sort: SortBy


class MinRatingCb(CallbackData, prefix="bmr"):
    stars: Annotated[int, Field(ge=0, le=5)]  # 0: any rating


class ResultStoreCb(CallbackData, prefix="bfs"):
    store_id: RowId  # 0: any store


class StoreSearchCb(CallbackData, prefix="bss"):
    """Search within one store (from its page)."""

    store_id: RowId


class RecentAct(StrEnum):
    OPEN = "o"
    REMOVE = "r"
    CLEAR_ASK = "ca"
    CLEAR = "c"
    LENGTH = "l"  # the length setting


class RecentCb(CallbackData, prefix="brv"):
    action: RecentAct
    product_id: RowId = 0
    page: PageNumber = 0


class RecentLengthCb(CallbackData, prefix="brl"):
    length: Annotated[int, Field(ge=1, le=1000)]


class AskSellerCb(CallbackData, prefix="bq"):
    """Ask the seller about this product (an account only)."""

    product_id: RowId


# --- My wishes: lists, items and their alerts ---------------------------------------------------


class WishesAct(StrEnum):
    SHOW = "s"
    NEW = "n"  # asks for the new list's name


class WishesCb(CallbackData, prefix="wsh"):
    """The overview of the buyer's lists, or making a new one."""

    action: WishesAct = WishesAct.SHOW


class WishListAct(StrEnum):
    OPEN = "o"
    RENAME = "r"  # asks for the new name
    DELETE_ASK = "da"  # asks: move the items to another list, or remove them
    DELETE = "d"  # delete it with its items


class WishListCb(CallbackData, prefix="wsl"):
    """A list (0: the default list, made on first use); page says which page of it."""

    action: WishListAct = WishListAct.OPEN
    list_id: RowId
    page: PageNumber = 0


class WishMergeCb(CallbackData, prefix="wsd"):
    """Delete list `list_id`, moving its items into `into_id`."""

    list_id: RowId
    into_id: RowId


class WishItemAct(StrEnum):
    OPEN = "o"
    MOVE_ASK = "ma"
    COPY_ASK = "ca"
    REMOVE = "x"
    TARGET = "t"  # asks for the target price
    DROP_ASK = "pa"  # offers the percentages
    STOCK_ON = "s1"
    STOCK_OFF = "s0"
    PRICE_OFF = "p0"  # follow no price


class WishItemCb(CallbackData, prefix="wsi"):
    """An action on one item; page says which page of its list Back leads to."""

    action: WishItemAct
    item_id: RowId
    page: PageNumber = 0


class WishMoveAct(StrEnum):
    MOVE = "m"
    COPY = "c"


class WishMoveCb(CallbackData, prefix="wsm"):
    action: WishMoveAct
    item_id: RowId
    to_list_id: RowId


class WishDropCb(CallbackData, prefix="wsp"):
    """Follow any drop of `percent` % below the price when added."""

    item_id: RowId
    percent: Annotated[int, Field(ge=1, le=99)]


class WishPickCb(CallbackData, prefix="wsk"):
    """Add the product to this list (the picker shown when themed lists exist)."""

    product_id: RowId
    list_id: RowId
