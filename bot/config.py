"""Every runtime knob of the bot, typed and documented, read from the environment and `.env`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.mail_settings import is_mailbox, parse_smtp_url

SUPPORTED_LOCALES = ("en", "ru")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/cabinet.db"
MIN_API_TOKEN_LENGTH = 32  # guessing one is hopeless even without the API's throttle


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


class Unreachable(Exception):
    """A service a setting names cannot be used at start: `python -m bot` prints this one
    line (which setting, where, why) instead of a traceback, and exits."""

    @classmethod
    def at(cls, setting: str, where: str, reason: object) -> Unreachable:
        return cls(f"{setting} {where} cannot be reached ({reason})")


class Settings(BaseSettings):
    """Settings of one bot process; built once in `bot.__main__`, never at import time."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(None, description="Token from @BotFather.")
    telegram_api_url: str = Field(
        "https://api.telegram.org",
        description="Base URL of a Bot API server (official or self-hosted).",
    )
    database_url: str = Field(DEFAULT_DATABASE_URL, description="SQLAlchemy async URL.")
    sqlite_threaded: bool = Field(
        False, description="Run SQLite through aiosqlite's worker thread instead of in the loop."
    )
    redis_url: str | None = Field(None, description="Redis for FSM storage; memory if unset.")
    default_locale: str = Field("en", description="Locale when nothing better is known.")
    default_timezone: str = Field("UTC", description="Time zone for buyers who set none.")
    demo_data: bool = Field(False, description="Give every new user a sample account.")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        frozenset(), description="Comma-separated Telegram ids of operators."
    )
    api_host: str = Field("127.0.0.1", description="Where the integration API listens.")
    api_port: int = Field(8081, ge=0, le=65535)
    api_token: SecretStr | None = Field(
        None,
        description=f"Bearer token, {MIN_API_TOKEN_LENGTH}+ characters; no token, no API.",
    )
    api_wrong_tokens_per_minute: int = Field(
        10,
        ge=1,
        le=1_000_000,
        description="Wrong API tokens one peer address may send a minute; then 429 until "
        "the oldest is a minute old.",
    )
    api_max_body_bytes: int = Field(1_048_576, ge=1024, le=64 * 1_048_576)
    bot_username: str | None = Field(None, description="For deep links; asked from getMe if unset.")
    link_code_ttl_hours: int = Field(72, ge=1, le=24 * 30)
    idempotency_ttl_hours: int = Field(24, ge=1, le=24 * 30)
    marketplace_webhook_url: str | None = Field(None, description="Where buyer events are POSTed.")
    marketplace_webhook_secret: SecretStr | None = Field(None, description="HMAC-SHA256 key.")
    default_protection_days: int = Field(60, ge=1, le=365)
    notify_rate: float = Field(25, gt=0, le=1000, description="Pushes per second, all chats.")
    notify_paid_broadcast: bool = Field(False, description="Pay Stars to go above 30/s.")
    notify_shards: int = Field(
        1,
        ge=1,
        le=64,
        description="Sender processes sharing NOTIFY_RATE (`python -m bot sender --shard N`).",
    )
    notify_max_age_hours: int = Field(72, ge=1, le=24 * 30)
    digest_hour: int = Field(19, ge=0, le=23, description="Local hour of the daily digest.")
    tracking_url: str | None = Field(
        None, description="Carrier JSON endpoint with {number} (and {carrier}) placeholders."
    )
    tracking_poll_hours: float = Field(6, gt=0, le=24 * 7)
    tracking_stall_days: int = Field(10, ge=1, le=90)
    protection_extension_days: int = Field(15, ge=1, le=90)
    trash_retention_days: int = Field(
        0,
        ge=0,
        le=3650,
        description="Days after which deleted orders are purged; 0 (the default): never. "
        "An order whose dispute is open is never purged.",
    )
    feedback_window_days: int = Field(30, ge=1, le=365)
    feedback_additional_days: int = Field(
        150, ge=1, le=3650, description="How long after feedback one addition may follow."
    )
    feedback_rating_period_days: int = Field(
        180, ge=1, le=3650, description="The period a store's rating is computed over."
    )
    exchange_rate_max_age_hours: int = Field(
        48,
        ge=1,
        le=24 * 90,
        description="Older exchange rates are not used: only the paid amount is shown.",
    )
    orders_page_size: int = Field(5, ge=1, le=10)
    coupons_page_size: int = Field(5, ge=1, le=10)
    # Disputes, as on the marketplace: open from N days after shipment (from delivery for
    # damaged / wrong / not-as-described goods) until N days after completion.
    dispute_opens_days_after_shipment: int = Field(3, ge=0, le=90)
    dispute_closes_days_after_completion: int = Field(15, ge=1, le=180)
    dispute_seller_response_days: int = Field(5, ge=1, le=30)
    dispute_buyer_response_days: int = Field(5, ge=1, le=30)
    dispute_return_days: int = Field(10, ge=1, le=60)
    smtp_url: SecretStr | None = Field(
        None, description="smtp[s]://user:password@host:port[?starttls=1]; unset: to the log."
    )
    mail_from: str = Field(
        "Cabinet bot <no-reply@localhost>", description="From of the mails the bot sends."
    )
    password_queue_limit: int = Field(
        32,
        ge=0,
        le=10_000,
        description="Password checks that may wait for a free argon2 slot; more are refused.",
    )
    code_mails_per_hour: int = Field(
        1000,
        ge=1,
        le=1_000_000,
        description="E-mail codes the bot may send an hour in all; more are refused.",
    )
    log_level: str = Field("INFO")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"\d+:[\w-]{1,100}", value.get_secret_value()):
            msg = "does not look like a token from @BotFather (digits:letters)"
            raise ValueError(msg)
        return value

    @field_validator("api_token")
    @classmethod
    def _long_api_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None  # API_TOKEN= in a .env template means "not set"
        if len(value.get_secret_value()) < MIN_API_TOKEN_LENGTH:
            msg = (
                f"must be at least {MIN_API_TOKEN_LENGTH} characters "
                "(make one with `openssl rand -hex 32`)"
            )
            raise ValueError(msg)
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            msg = f"must be one of {', '.join(SUPPORTED_LOCALES)}"
            raise ValueError(msg)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            msg = "is not an IANA time zone name such as Europe/Moscow"
            raise ValueError(msg) from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            msg = "must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
            raise ValueError(msg)
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            msg = "must be an http(s) URL"
            raise ValueError(msg)
        return value.rstrip("/")

    @field_validator("tracking_url")
    @classmethod
    def _tracking_template(cls, value: str | None) -> str | None:
        if value is not None and (
            "{number}" not in value or not value.startswith(("http://", "https://"))
        ):
            msg = "must be an http(s) URL containing {number}"
            raise ValueError(msg)
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None  # SMTP_URL= in a .env template means "not set"
        parse_smtp_url(value.get_secret_value())  # its message never repeats the password
        return value

    @field_validator("mail_from")
    @classmethod
    def _mailbox(cls, value: str) -> str:
        if not is_mailbox(value):
            msg = "must be an address such as Cabinet bot <no-reply@example.com>"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _free_rate_limit(self) -> Settings:
        if self.notify_rate > 30 and not self.notify_paid_broadcast:
            msg = "NOTIFY_RATE above 30/s needs NOTIFY_PAID_BROADCAST=1 (Telegram's free limit)"
            raise ValueError(msg)
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.marketplace_webhook_url and self.marketplace_webhook_secret is None:
            msg = "MARKETPLACE_WEBHOOK_SECRET must be set when MARKETPLACE_WEBHOOK_URL is"
            raise ValueError(msg)
        return self

    def sqlite_path(self) -> Path | None:
        """The SQLite file to create a folder for, if the database is a local file."""
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url.removeprefix(prefix))
        return None


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning pydantic's report into one line per bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["loc"]:
                message = f"{str(error['loc'][0]).upper()}: {message}"
            lines.append(message)
        raise ConfigError("; ".join(lines)) from exc
