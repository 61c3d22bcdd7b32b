"""What the mail settings may say: the shape of SMTP_URL and of a mailbox such as MAIL_FROM.

Apart from the mailer so that the settings can check them without depending on the
notification layer; the mailer reads SMTP_URL through the same parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
SUBMISSION_PORT = 587  # RFC 6409 message submission: STARTTLS is expected there
_FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
SMTP_URL_SHAPE = "smtp[s]://[user:password@]host[:port][?starttls=1]"


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    """Where and how to connect, as read from SMTP_URL."""

    host: str
    port: int
    use_tls: bool  # implicit TLS from the first byte (smtps://, usually port 465)
    start_tls: bool  # upgrade a plain connection with STARTTLS
    username: str | None = None
    password: str | None = field(default=None, repr=False)


def parse_smtp_url(url: str) -> SmtpTarget:
    """Read `smtp://user:pass@host:port` (`smtps://` for implicit TLS).

    STARTTLS is used when the URL says `?starttls=1`, or on port 587 unless it says
    `?starttls=0`; otherwise `smtp://` is plain, for a relay on localhost or in the cluster.
    The error message never repeats the URL: it may hold a password.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS:
        msg = f"must look like {SMTP_URL_SHAPE}"
        raise ValueError(msg)
    try:
        port = DEFAULT_PORTS[parts.scheme] if parts.port is None else parts.port
    except ValueError:
        port = 0
    if not 0 < port <= 65535:
        msg = "has a port that is not a number from 1 to 65535"
        raise ValueError(msg)
    if not parts.hostname:
        msg = f"has no host; it must look like {SMTP_URL_SHAPE}"
        raise ValueError(msg)
    if parts.path not in {"", "/"} or parts.fragment:
        msg = f"has a path; it must look like {SMTP_URL_SHAPE}"
        raise ValueError(msg)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(query) - {"starttls"})
    if unknown:
        msg = f"has unknown parameters ({', '.join(unknown)}); only starttls is read"
        raise ValueError(msg)
    use_tls = parts.scheme == "smtps"
    start_tls = port == SUBMISSION_PORT and not use_tls
    if "starttls" in query:
        if query["starttls"].lower() not in _FLAGS:
            msg = "has starttls that is neither 1 nor 0"
            raise ValueError(msg)
        start_tls = _FLAGS[query["starttls"].lower()]
    if use_tls and start_tls:
        msg = "asks for smtps:// and starttls at once; smtps:// is TLS from the start"
        raise ValueError(msg)
    return SmtpTarget(
        host=parts.hostname,
        port=port,
        use_tls=use_tls,
        start_tls=start_tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def is_mailbox(value: str) -> bool:
    """A From/To value such as `Name <box@host>` or `box@host`, on one line."""
    if "\r" in value or "\n" in value:
        return False
    _, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain)
