"""Unit of work: one session per update, job or request; nothing sticks unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.repositories.addresses import AddressRepository
from bot.db.repositories.app_secrets import AppSecretRepository
from bot.db.repositories.blocked_stores import BlockedStoreRepository
from bot.db.repositories.budgets import BudgetRepository
from bot.db.repositories.categories import CategoryRepository
from bot.db.repositories.complaints import ComplaintRepository
from bot.db.repositories.coupons import CouponRepository
from bot.db.repositories.deadlines import DeadlineRepository
from bot.db.repositories.disputes import DisputeRepository
from bot.db.repositories.email_codes import EmailCodeRepository
from bot.db.repositories.events import EventRepository
from bot.db.repositories.favourite_stores import FavouriteStoreRepository
from bot.db.repositories.feedback import FeedbackRepository
from bot.db.repositories.idempotency import IdempotencyRepository
from bot.db.repositories.letters import LetterRepository
from bot.db.repositories.link_codes import LinkCodeRepository
from bot.db.repositories.messages import MessageRepository
from bot.db.repositories.notices import NoticeRepository
from bot.db.repositories.operator import OperatorRepository
from bot.db.repositories.orders import OrderRepository
from bot.db.repositories.outbox import OutboxRepository
from bot.db.repositories.personal_data import PersonalDataRepository
from bot.db.repositories.preferences import PreferenceRepository
from bot.db.repositories.products import ProductRepository
from bot.db.repositories.questions import QuestionRepository
from bot.db.repositories.rates import RateRepository
from bot.db.repositories.recently_viewed import RecentlyViewedRepository
from bot.db.repositories.sessions import SessionRepository
from bot.db.repositories.sign_in_failures import SignInFailureRepository
from bot.db.repositories.store_offers import StoreOfferRepository
from bot.db.repositories.stores import StoreRepository
from bot.db.repositories.users import UserRepository
from bot.db.repositories.wishes import WishRepository


class UnitOfWork:
    """Re-entrant: the middleware opens it, each service enters it again and commits.

    Leaving any level with an exception rolls back; leaving the outermost level rolls back
    whatever was not committed and closes the session.

    With `one_transaction=True` (an API request) the services' commits only flush, and the
    owner commits once at the outermost level, so every write of the request — the idempotency
    record included — lands together or not at all.

    `commits` counts what was committed through it: when showing the result of a button
    fails afterwards, the buyer is told that what they did was saved all the same.
    """

    users: UserRepository
    orders: OrderRepository
    stores: StoreRepository
    products: ProductRepository
    events: EventRepository
    outbox: OutboxRepository
    idempotency: IdempotencyRepository
    messages: MessageRepository
    link_codes: LinkCodeRepository
    preferences: PreferenceRepository
    deadlines: DeadlineRepository
    coupons: CouponRepository
    addresses: AddressRepository
    sessions: SessionRepository
    email_codes: EmailCodeRepository
    sign_in_failures: SignInFailureRepository
    app_secrets: AppSecretRepository
    disputes: DisputeRepository
    feedback: FeedbackRepository
    notices: NoticeRepository
    blocked_stores: BlockedStoreRepository
    complaints: ComplaintRepository
    rates: RateRepository
    operator: OperatorRepository
    letters: LetterRepository
    budgets: BudgetRepository
    personal_data: PersonalDataRepository
    wishes: WishRepository
    store_offers: StoreOfferRepository
    recently_viewed: RecentlyViewedRepository
    questions: QuestionRepository
    favourite_stores: FavouriteStoreRepository
    categories: CategoryRepository

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], *, one_transaction: bool = False
    ) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None
        self._depth = 0
        self._one_transaction = one_transaction
        self.commits = 0

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            msg = "UnitOfWork used outside `async with`"
            raise RuntimeError(msg)
        return self._session

    async def __aenter__(self) -> UnitOfWork:
        if self._depth == 0:
            session = self._session_factory()
            self._session = session
            self.users = UserRepository(session)
            self.orders = OrderRepository(session)
            self.stores = StoreRepository(session)
            self.products = ProductRepository(session)
            self.events = EventRepository(session)
            self.outbox = OutboxRepository(session)
            self.idempotency = IdempotencyRepository(session)
            self.messages = MessageRepository(session)
            self.link_codes = LinkCodeRepository(session)
            self.preferences = PreferenceRepository(session)
            self.deadlines = DeadlineRepository(session)
            self.coupons = CouponRepository(session)
            self.addresses = AddressRepository(session)
            self.sessions = SessionRepository(session)
            self.email_codes = EmailCodeRepository(session)
            self.sign_in_failures = SignInFailureRepository(session)
            self.app_secrets = AppSecretRepository(session)
            self.disputes = DisputeRepository(session)
            self.feedback = FeedbackRepository(session)
            self.notices = NoticeRepository(session)
            self.blocked_stores = BlockedStoreRepository(session)
            self.complaints = ComplaintRepository(session)
            self.rates = RateRepository(session)
            self.operator = OperatorRepository(session)
            self.letters = LetterRepository(session)
            self.budgets = BudgetRepository(session)
            self.personal_data = PersonalDataRepository(session)
            self.wishes = WishRepository(session)
            self.store_offers = StoreOfferRepository(session)
            self.recently_viewed = RecentlyViewedRepository(session)
            self.questions = QuestionRepository(session)
            self.favourite_stores = FavouriteStoreRepository(session)
            self.categories = CategoryRepository(session)
        self._depth += 1
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._depth -= 1
        session = self.session
        if exc_type is not None:
            await session.rollback()
        if self._depth == 0:
            # close() rolls back what was not committed without expiring loaded objects,
            # so a service's result can still be rendered after the unit of work ends.
            await session.close()
            self._session = None

    async def release(self) -> None:
        """End the open transaction, so its connection goes back to the pool during a long
        wait that needs none (an argon2 hash): loaded objects stay usable, and the next query
        begins a new transaction. Anything pending is committed, as by `commit`; under
        `one_transaction` the transaction is the owner's to end, so it stays open."""
        if self._one_transaction or self._session is None:
            return
        if self._session.in_transaction():
            await self._session.commit()

    async def commit(self) -> None:
        if self._one_transaction and self._depth > 1:
            await self.session.flush()
            return
        await self.session.commit()
        self.commits += 1
