"""Signing up with the code mailed over real SMTP (a local aiosmtpd server)."""

from __future__ import annotations

import re
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from tests.conftest import BotHarness
from tests.handlers.test_auth import PASSWORD
from tests.notify.test_mail import RecordingServer, smtp  # noqa: F401 - the server fixture


async def test_the_sign_up_code_travels_by_smtp(
    smtp: tuple[RecordingServer, int],  # noqa: F811
    make_harness: Callable[..., BotHarness],
) -> None:
    server, port = smtp
    harness = make_harness(
        smtp_url=f"smtp://127.0.0.1:{port}", mail_from="Cabinet <no-reply@cabinet.test>"
    )
    anna = harness.buyer(language_code="ru")
    await anna.send("/start")
    await anna.press("📝 Регистрация")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)

    assert len(server.received) == 1
    envelope = server.received[0]
    assert envelope.rcpt_tos == ["anna@example.com"]
    mail = message_from_bytes(envelope.content, _class=EmailMessage, policy=default)
    assert mail["Subject"] == "Ваш код для Cabinet bot"
    code = re.search(r"\b(\d{6})\b", mail.get_body(("plain",)).get_content()).group(1)
    await anna.send(code)

    assert "Добавить адрес доставки?" in anna.screen
    await anna.press("⏭ Пропустить")
    assert "Мой кабинет" in anna.screen
    await harness.bot.session.close()
