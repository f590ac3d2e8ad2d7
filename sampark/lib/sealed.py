"""Secrets the application must read back (a mailbox's password, say), kept encrypted at rest.

A stolen database dump or backup then holds no usable password without the site's secret key.
Fernet (AES with an HMAC) under a key derived from ``SECRET_KEY``; the keys of
``SECRET_KEY_FALLBACKS`` still open what they sealed, so rotating the secret key loses nothing.
What none of them opens raises ``Unreadable``: the owner is asked to enter the secret again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_PURPOSE = b"sampark.lib.sealed"


class Unreadable(Exception):
    """Sealed under a secret key the site no longer has."""


def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(text: str) -> str:
    return _keys().encrypt(text.encode()).decode("ascii")


def unseal(token: str) -> str:
    try:
        return _keys().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        raise Unreadable from error
