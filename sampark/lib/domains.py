"""A company's web domain as a bare host: what people paste (a URL) reduced to what we store."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_PORT = re.compile(r":\d*$")


class InvalidDomain(ValueError):
    pass


def normalise_domain(raw: str) -> str:
    """``https://www.Example.com/about?x`` → ``example.com``; empty stays empty.

    The scheme, user, port, path, query, a trailing dot and a leading ``www.`` go; the host is
    lower-cased and IDNA-normalised (Unicode, as email domains are stored). Anything that is not
    a public domain name — one word, an IP address, spaces — raises ``InvalidDomain``.
    """
    text = raw.strip()
    if not text:
        return ""
    host = _SCHEME.sub("", text)
    host = re.split(r"[/?#\\]", host, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]  # user:password@ in a URL, or an email address
    host = _PORT.sub("", host).rstrip(".")
    if not host:
        raise InvalidDomain(text)
    try:
        # The email validator's domain rules: IDNA 2008, a dot, a real top-level domain.
        host = validate_email(f"postmaster@{host}", check_deliverability=False).domain
    except EmailNotValidError:
        raise InvalidDomain(text) from None
    host = host.lower()
    if host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    return host
