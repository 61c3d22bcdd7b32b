"""Router decorators that record handlers, so each dispatcher gets fresh Router objects.

An aiogram Router can be attached to one parent only, and nothing may be built at import
time; the tests, the console and the benchmarks build several dispatchers in one process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.filters.callback_data import CallbackData

from bot.handlers.filters import DataPrefix
from bot.middlewares.gate import AccountGate

Handler = Callable[..., Any]


class Routes:
    """`@routes.message(...)`, `@routes.callback_query(...)` now; `build()` per dispatcher."""

    def __init__(
        self,
        name: str,
        callbacks: tuple[type[CallbackData], ...] = (),
        *,
        account_only: bool = False,
    ) -> None:
        """`callbacks`: the factories this section answers; other buttons skip its filters.
        `account_only`: a guest who reaches any of its handlers is asked to sign in first,
        and what they asked for is done once they have (bot/middlewares/gate.py)."""
        self.name = name
        self.account_only = account_only
        self._prefixes = tuple(f"{cb.__prefix__}{cb.__separator__}" for cb in callbacks)
        self._entries: list[tuple[str, Handler, tuple[Any, ...], dict[str, Any]]] = []
        # aiogram's handler objects, made by the first build: making one inspects the handler's
        # and each filter's signature, which is most of building a dispatcher. They hold no
        # reference to their router, so every later router shares them.
        self._handlers: dict[str, list[HandlerObject]] | None = None

    def _recorder(self, observer: str) -> Callable[..., Callable[[Handler], Handler]]:
        def register(*filters: Any, **kwargs: Any) -> Callable[[Handler], Handler]:
            def decorator(handler: Handler) -> Handler:
                self._entries.append((observer, handler, filters, kwargs))
                self._handlers = None
                return handler

            return decorator

        return register

    @property
    def message(self) -> Callable[..., Callable[[Handler], Handler]]:
        return self._recorder("message")

    @property
    def callback_query(self) -> Callable[..., Callable[[Handler], Handler]]:
        return self._recorder("callback_query")

    def build(self) -> Router:
        router = Router(name=self.name)
        if self._prefixes:
            router.callback_query.filter(DataPrefix(self._prefixes))
        if self._handlers is None:
            for observer, handler, filters, kwargs in self._entries:
                router.observers[observer].register(handler, *filters, **kwargs)
            self._handlers = {name: list(each.handlers) for name, each in router.observers.items()}
        else:
            for name, handlers in self._handlers.items():
                router.observers[name].handlers.extend(handlers)
        if self.account_only:
            router.message.middleware(AccountGate())
            router.callback_query.middleware(AccountGate())
        return router
