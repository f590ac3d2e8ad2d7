"""Slow down password guessing: after a few failed sign-ins, a username refuses more from that
address for a while.

The key is username *and* address, so an attacker cannot lock a colleague out from elsewhere.
Counts live in the cache: per process with the default in-memory cache, shared across
processes and machines once REDIS_URL is set.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(username: str, request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{username.casefold()}|{address}".encode()).hexdigest()
    return f"sampark:login-failures:{digest}"


def is_blocked(username: str, request: HttpRequest) -> bool:
    return int(cache.get(_key(username, request), 0)) >= MAX_FAILURES


def record_failure(username: str, request: HttpRequest) -> None:
    key = _key(username, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)


def clear(username: str, request: HttpRequest) -> None:
    cache.delete(_key(username, request))
