"""Typed readers for settings that come from the environment.

Each one fails with ``ImproperlyConfigured`` and a one-line message naming the variable,
so a typo in a deployment is reported as such and not as a traceback from deep inside Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name)
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


def env_url(name: str, default: str, schemes: set[str]) -> str:
    """A URL whose scheme is one of ``schemes``; returned unchanged."""
    raw = env_str(name) or default
    scheme = urlsplit(raw).scheme
    if scheme not in schemes:
        allowed = ", ".join(f"{scheme}://" for scheme in sorted(schemes))
        raise ImproperlyConfigured(
            f"{name} must start with one of {allowed} (got {_redact(raw)!r})."
        )
    return raw


def writable_dir(name: str, default: Path) -> Path:
    """A directory we can write to, created if missing."""
    path = Path(env_str(name) or default).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(
            f"{name}: cannot create the data directory {path} ({error.strerror})."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ImproperlyConfigured(f"{name}: the data directory {path} is not writable.")
    return path


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def mailer(url: str) -> dict[str, object]:
    """Django's default mailer (``MAILERS["default"]``) from an ``EMAIL_URL``.

    ``smtp://user:password@host:587?tls=1`` (STARTTLS), ``smtps://…`` (implicit TLS),
    ``console://`` (print to the terminal), ``memory://`` (kept in ``django.core.mail.outbox``).
    """
    from urllib.parse import parse_qs, unquote

    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "memory":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has an invalid port: {_redact(url)!r}.") from None
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": port,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parse_qs(parts.query).get("tls", ["0"])[0] in {"1", "true"},
            "timeout": 20,
        },
    }
