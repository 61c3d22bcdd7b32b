"""Outgoing mail against a real local SMTP server (aiosmtpd), the log mailer, and SMTP_URL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from bot.config import ConfigError, load_settings
from bot.mail_settings import parse_smtp_url
from bot.notify.mail import (
    LogMailer,
    MailError,
    MailFailure,
    SmtpMailer,
    build_mailer,
    compose,
    mail_error,
    plain_text,
)
from tests.conftest import START, free_port

SENDER = "Cabinet bot <no-reply@cabinet.test>"


class RecordingServer:
    """What a mail server decides per address, and every mail it accepted."""

    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.logins: list[bytes] = []

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address.startswith("blocked@"):
            return "553 5.7.1 sender not allowed"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address.endswith("@refused.test"):
            return "550 5.1.1 no such mailbox"
        if address.endswith("@busy.test"):
            return "450 4.2.1 mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        if b"Subject: spam" in (envelope.content or b""):
            return "554 5.7.1 message refused"
        self.received.append(envelope)
        return "250 Message accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"bot", b"p@ss")
        if ok:
            self.logins.append(data.login)
        return AuthResult(success=ok, handled=False)


class AnyPortController(Controller):
    """aiosmtpd's server on a port the system picks as it binds (port 0): no other test, in
    this process or a parallel one, can take the port between choosing and binding it."""

    def _trigger_server(self) -> None:  # runs once the server listens, before the first use
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp() -> Iterator[tuple[RecordingServer, int]]:
    server = RecordingServer()
    # AUTH is offered but not required: aiosmtpd warns about required AUTH without TLS.
    controller = AnyPortController(
        server,
        hostname="127.0.0.1",
        port=0,
        server_hostname="smtp.test",
        authenticator=server.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield server, controller.port
    finally:
        controller.stop()


def code_mail(to: str = "buyer@example.com", subject: str = "Код подтверждения") -> EmailMessage:
    return compose(
        sender=SENDER,
        to=to,
        subject=subject,
        text="Ваш код: 123456",
        html="<p>Ваш код: <b>123456</b></p>",
        sent_at=START,
    )


async def test_mail_arrives_with_its_recipient_subject_and_both_bodies(smtp) -> None:
    server, port = smtp

    await SmtpMailer(f"smtp://127.0.0.1:{port}").send(code_mail(), sensitive=True)

    [envelope] = server.received
    assert envelope.rcpt_tos == ["buyer@example.com"]
    assert envelope.mail_from == "no-reply@cabinet.test"
    arrived = message_from_bytes(envelope.content, policy=policy.default)
    assert isinstance(arrived, EmailMessage)
    assert arrived["To"] == "buyer@example.com"
    assert arrived["Subject"] == "Код подтверждения"
    assert arrived["Message-ID"].endswith("@cabinet.test>")
    assert arrived["Date"] == "Thu, 26 Nov 2026 12:00:00 +0000"
    assert plain_text(arrived).strip() == "Ваш код: 123456"
    html = arrived.get_body(preferencelist=("html",))
    assert html is not None and "<b>123456</b>" in html.get_content()


async def test_credentials_from_the_url_are_used_to_log_in(smtp) -> None:
    server, port = smtp

    await SmtpMailer(f"smtp://bot:p%40ss@127.0.0.1:{port}").send(code_mail())

    assert server.logins == [b"bot"]
    assert len(server.received) == 1


@pytest.mark.parametrize(
    ("url_auth", "to", "subject", "reason", "code", "temporary"),
    [
        ("", "nobody@refused.test", "Code", MailFailure.RECIPIENT_REFUSED, 550, False),
        ("", "buyer@busy.test", "Code", MailFailure.RECIPIENT_REFUSED, 450, True),
        ("", "buyer@example.com", "spam", MailFailure.REJECTED, 554, False),
        ("bot:wrong@", "buyer@example.com", "Code", MailFailure.AUTHENTICATION, 535, False),
    ],
)
async def test_server_refusals_become_a_mail_error_with_a_reason(
    smtp, url_auth: str, to: str, subject: str, reason: MailFailure, code: int, temporary: bool
) -> None:
    server, port = smtp
    mailer = SmtpMailer(f"smtp://{url_auth}127.0.0.1:{port}")

    with pytest.raises(MailError) as error:
        await mailer.send(code_mail(to, subject))

    assert (error.value.reason, error.value.code, error.value.temporary) == (
        reason,
        code,
        temporary,
    )
    assert not server.received


async def test_refused_recipient_names_the_address(smtp) -> None:
    _, port = smtp

    with pytest.raises(MailError) as error:
        await SmtpMailer(f"smtp://127.0.0.1:{port}").send(code_mail("nobody@refused.test"))

    assert error.value.recipients == ("nobody@refused.test",)


async def test_refused_sender_is_told_apart_from_a_refused_recipient(smtp) -> None:
    _, port = smtp
    message = compose(sender="blocked@cabinet.test", to="b@example.com", subject="s", text="t")

    with pytest.raises(MailError) as error:
        await SmtpMailer(f"smtp://127.0.0.1:{port}").send(message)

    assert error.value.reason is MailFailure.SENDER_REFUSED


async def test_starttls_asked_of_a_server_without_it_is_a_tls_failure(smtp) -> None:
    _, port = smtp

    with pytest.raises(MailError) as error:
        await SmtpMailer(f"smtp://127.0.0.1:{port}?starttls=1").send(code_mail())

    assert error.value.reason is MailFailure.TLS


async def test_server_that_is_down_is_unreachable_and_worth_retrying() -> None:
    mailer = SmtpMailer(f"smtp://127.0.0.1:{free_port()}", timeout=5)

    with pytest.raises(MailError) as error:
        await mailer.send(code_mail())

    assert error.value.reason is MailFailure.UNREACHABLE
    assert error.value.temporary
    assert isinstance(error.value.__cause__, aiosmtplib.SMTPConnectError)


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (aiosmtplib.SMTPConnectTimeoutError("slow"), MailFailure.TIMEOUT),
        (aiosmtplib.SMTPReadTimeoutError("slow"), MailFailure.TIMEOUT),
        (aiosmtplib.SMTPServerDisconnected("gone"), MailFailure.UNREACHABLE),
        (aiosmtplib.SMTPConnectResponseError(554, "no service"), MailFailure.UNREACHABLE),
        (ConnectionResetError("reset"), MailFailure.UNREACHABLE),
        (aiosmtplib.SMTPHeloError(501, "bad helo"), MailFailure.REJECTED),
    ],
)
def test_network_and_protocol_failures_map_to_one_error_type(
    exc: Exception, reason: MailFailure
) -> None:
    assert mail_error(exc).reason is reason


async def test_log_mailer_keeps_the_last_mails_and_redacts_secrets_from_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    mailer = LogMailer(keep=2)
    caplog.set_level(logging.INFO, logger="bot.notify.mail")

    await mailer.send(code_mail("first@example.com"), sensitive=True)
    await mailer.send(code_mail("second@example.com", "Welcome"))
    await mailer.send(code_mail("third@example.com"), sensitive=True)

    assert [m["To"] for m in mailer.messages] == ["second@example.com", "third@example.com"]
    last = mailer.last_to("THIRD@example.com")
    assert last is not None and "123456" in plain_text(last)  # the demo shows it on screen
    assert mailer.last_to("first@example.com") is None
    redacted = [r.getMessage() for r in caplog.records if "first@" in r.getMessage()]
    assert redacted == ["mail to first@example.com (subject and body redacted)"]
    assert "123456" not in "".join(r.getMessage() for r in caplog.records if "third@" in r.msg)
    assert any("Welcome" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("field", ["to", "subject"])
def test_a_line_break_cannot_smuggle_in_another_header(field: str) -> None:
    values = {"to": "buyer@example.com", "subject": "Code"}
    values[field] += "\r\nBcc: someone@example.com"

    with pytest.raises(ValueError, match="linefeed"):
        compose(sender=SENDER, text="t", **values)


def test_without_smtp_url_mail_goes_to_the_log() -> None:
    assert isinstance(build_mailer(None), LogMailer)
    assert isinstance(build_mailer("smtp://relay.internal"), SmtpMailer)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://relay.internal", ("relay.internal", 25, False, False, None)),
        ("smtp://u:p%40ss@mail.example.com:587", ("mail.example.com", 587, False, True, "u")),
        ("smtp://mail.example.com:587?starttls=0", ("mail.example.com", 587, False, False, None)),
        ("smtp://mail.example.com:2525?starttls=1", ("mail.example.com", 2525, False, True, None)),
        ("smtps://u:p@mail.example.com", ("mail.example.com", 465, True, False, "u")),
    ],
)
def test_smtp_url_says_where_and_how_to_connect(url: str, expected: tuple) -> None:
    target = parse_smtp_url(url)

    assert (target.host, target.port, target.use_tls, target.start_tls, target.username) == expected
    assert "p@ss" not in repr(target) and ":p" not in repr(target)


def test_password_in_the_url_is_decoded() -> None:
    assert parse_smtp_url("smtp://u:p%40ss%2F1@h").password == "p@ss/1"


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.com",
        "smtp://",
        "smtp://mail.example.com:0",
        "smtp://mail.example.com:70000",
        "smtp://mail.example.com/path",
        "smtp://mail.example.com?tls=1",
        "smtp://mail.example.com?starttls=maybe",
        "smtps://mail.example.com?starttls=1",
    ],
)
def test_bad_smtp_url_fails_config_loading_in_one_line_without_the_password(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("SMTP_URL", url.replace("://", "://user:hunter2@", 1))

    with pytest.raises(ConfigError) as error:
        load_settings(_env_file=None)

    message = str(error.value)
    assert message.startswith("SMTP_URL: ")
    assert "\n" not in message and "hunter2" not in message


def test_mail_settings_have_defaults_and_check_the_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_URL", raising=False)
    monkeypatch.delenv("MAIL_FROM", raising=False)
    settings = load_settings(_env_file=None)
    assert settings.smtp_url is None
    assert settings.mail_from == "Cabinet bot <no-reply@localhost>"

    monkeypatch.setenv("SMTP_URL", "")  # SMTP_URL= in a .env means unset
    monkeypatch.setenv("MAIL_FROM", "Shop <shop@example.com>")
    settings = load_settings(_env_file=None)
    assert settings.smtp_url is None and settings.mail_from == "Shop <shop@example.com>"

    monkeypatch.setenv("MAIL_FROM", "nobody")
    with pytest.raises(ConfigError, match=r"^MAIL_FROM: "):
        load_settings(_env_file=None)
