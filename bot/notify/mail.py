"""Outgoing e-mail (sign-up and sign-in codes): SMTP when SMTP_URL is set, the log otherwise.

Every failure of a send is a `MailError` with a `MailFailure` reason, never a raw aiosmtplib
or socket exception, so the caller can tell the buyer "try again later" or "check the address"
without knowing SMTP. A mail that carries a secret is sent with `sensitive=True`: then neither
its subject nor its body reaches the log.
"""

from __future__ import annotations

import logging
import ssl
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from enum import StrEnum
from typing import Protocol

import aiosmtplib

from bot.mail_settings import parse_smtp_url

logger = logging.getLogger(__name__)


class MailFailure(StrEnum):
    """Why a mail did not go out."""

    UNREACHABLE = "unreachable"  # connection refused, lost, or the server refused service
    TIMEOUT = "timeout"
    TLS = "tls"  # STARTTLS not offered, or the TLS handshake failed
    AUTHENTICATION = "authentication"  # SMTP_URL's user or password is wrong
    SENDER_REFUSED = "sender_refused"  # MAIL_FROM is not allowed on this server
    RECIPIENT_REFUSED = "recipient_refused"  # the buyer's address is refused
    REJECTED = "rejected"  # the server refused the message itself


@dataclass(eq=False)  # an exception stays hashable
class MailError(Exception):
    """A mail was not sent; `code` is the SMTP reply code when the server gave one."""

    reason: MailFailure
    code: int | None = None
    detail: str = ""  # the server's or the library's words, for the log only
    recipients: tuple[str, ...] = ()

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"{self.reason.value}{code}: {self.detail}"

    @property
    def temporary(self) -> bool:
        """Worth trying again later: the network, or a 4xx reply from the server."""
        if self.reason in {MailFailure.UNREACHABLE, MailFailure.TIMEOUT}:
            return True
        return self.code is not None and 400 <= self.code < 500


def compose(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    sent_at: datetime | None = None,
) -> EmailMessage:
    """A mail with a plain-text body and, optionally, an HTML alternative of it.

    The text part comes first: clients that cannot show HTML (and spam filters) read it.
    A header value with a line break raises ValueError (the stdlib's policy), so a buyer's
    input can never add a header such as Bcc.
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    if sent_at is not None:
        message["Date"] = format_datetime(sent_at)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def plain_text(message: EmailMessage) -> str:
    """The text part of a mail (what the console demo shows on screen)."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if isinstance(part, EmailMessage) else ""


class Mailer(Protocol):
    """Sends one composed mail; raises `MailError` when it could not."""

    async def send(self, message: EmailMessage, *, sensitive: bool = False) -> None: ...


class SmtpMailer:
    """Sends through an SMTP server, one connection per mail (codes are rare and urgent)."""

    def __init__(
        self,
        smtp_url: str,
        *,
        timeout: float = 15.0,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.target = parse_smtp_url(smtp_url)
        self._timeout = timeout
        self._tls_context = tls_context

    async def send(self, message: EmailMessage, *, sensitive: bool = False) -> None:
        target = self.target
        try:
            refused, _ = await aiosmtplib.send(
                message,
                hostname=target.host,
                port=target.port,
                username=target.username,
                password=target.password,
                use_tls=target.use_tls,
                start_tls=target.start_tls,
                timeout=self._timeout,
                tls_context=self._tls_context,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            error = mail_error(exc)
            logger.warning("mail to %s not sent: %s", message["To"], error)
            raise error from exc
        if refused:  # some recipients of several were refused; ours have one each
            first = next(iter(refused.values()))
            raise MailError(
                MailFailure.RECIPIENT_REFUSED, first.code, first.message, tuple(refused)
            )
        logger.info("mail %s sent to %s", message["Message-ID"], message["To"])
        if not sensitive:
            logger.debug("mail %s subject: %s", message["Message-ID"], message["Subject"])


def mail_error(exc: BaseException) -> MailError:
    """Translate aiosmtplib's and the socket's exceptions into one `MailError`."""
    detail = str(exc)
    match exc:
        case aiosmtplib.SMTPRecipientsRefused(recipients=refused) if refused:
            emails = tuple(each.recipient for each in refused)
            return MailError(MailFailure.RECIPIENT_REFUSED, refused[0].code, detail, emails)
        case aiosmtplib.SMTPRecipientRefused(code=code, recipient=recipient):
            return MailError(MailFailure.RECIPIENT_REFUSED, code, detail, (recipient,))
        case aiosmtplib.SMTPSenderRefused(code=code):
            return MailError(MailFailure.SENDER_REFUSED, code, detail)
        case aiosmtplib.SMTPAuthenticationError(code=code):
            return MailError(MailFailure.AUTHENTICATION, code, detail)
        case aiosmtplib.SMTPTimeoutError() | TimeoutError():
            return MailError(MailFailure.TIMEOUT, None, detail)
        case aiosmtplib.SMTPConnectResponseError(code=code):
            return MailError(MailFailure.UNREACHABLE, code, detail)
        case ssl.SSLError():
            return MailError(MailFailure.TLS, None, detail)
        case aiosmtplib.SMTPResponseException(code=code):
            return MailError(MailFailure.REJECTED, code, detail)
        case aiosmtplib.SMTPConnectError() | aiosmtplib.SMTPServerDisconnected() | OSError():
            return MailError(MailFailure.UNREACHABLE, None, detail)
        # aiosmtplib says "STARTTLS extension not supported" with its base exception only
        case aiosmtplib.SMTPException() if "STARTTLS" in detail.upper():
            return MailError(MailFailure.TLS, None, detail)
        case _:
            return MailError(MailFailure.REJECTED, None, detail)


class LogMailer:
    """Writes mails to the log instead of sending them, and keeps the last few in memory.

    The default when SMTP_URL is unset: the console demo shows the kept mails on screen, so a
    code can be typed in without a mail server.
    """

    def __init__(self, *, keep: int = 20) -> None:
        self._kept: deque[EmailMessage] = deque(maxlen=keep)

    @property
    def messages(self) -> list[EmailMessage]:
        """The kept mails, oldest first."""
        return list(self._kept)

    def last_to(self, address: str) -> EmailMessage | None:
        """The newest kept mail to this address, if any."""
        wanted = address.casefold()
        found = [each for each in self._kept if parseaddr(str(each["To"]))[1].casefold() == wanted]
        return found[-1] if found else None

    async def send(self, message: EmailMessage, *, sensitive: bool = False) -> None:
        self._kept.append(message)
        if sensitive:
            logger.info("mail to %s (subject and body redacted)", message["To"])
        else:
            logger.info(
                "mail to %s: %s\n%s", message["To"], message["Subject"], plain_text(message)
            )


def build_mailer(smtp_url: str | None) -> Mailer:
    """SMTP when a URL is configured, the log otherwise (see DESIGN.md: outgoing e-mail)."""
    return SmtpMailer(smtp_url) if smtp_url else LogMailer()
