"""Small, often-read lookups kept in Django's cache, invalidated by generation.

Custom field definitions, the tags offered in a list's filter, the people records can be handed
to: each page needs them, they rarely change, and querying them on every page view is what
makes list pages cost ten queries instead of four. Each kind of lookup has a *generation*
number in the cache; its entries are stored under the current generation, and a change moves
the generation on, so every process sees fresh values on its next read. A short timeout bounds
what a missed invalidation could cost.

The cache is Redis when REDIS_URL is set and files in the data directory otherwise: both are
shared by all web processes, unlike an in-process cache.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

from django.core.cache import cache
from django.db import transaction

# Generations more than one app moves on.
PEOPLE = "people"  # users' names and activity, and who is in which team


# Inside ``held()``: lookups already read, by (name, scope), and generations, by (name, _GENERATION).
_GENERATION = "#generation"
_held: contextvars.ContextVar[dict[tuple[str, str], Any] | None] = contextvars.ContextVar(
    "cached_held", default=None
)


def _generation_key(name: str) -> str:
    return f"sampark:generation:{name}"


def generation(name: str) -> int:
    memo = _held.get()
    if memo is not None and (name, _GENERATION) in memo:
        return int(memo[name, _GENERATION])
    value = cache.get(_generation_key(name))
    if value is None:
        value = 1
        cache.add(_generation_key(name), value, timeout=None)
    if memo is not None:
        memo[name, _GENERATION] = value
    return int(value)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Inside, each lookup reads the cache once and is then kept in memory, unless this process
    invalidates it. For bulk work: an import's batch checks custom fields on every row, and
    reading them from the cache (a file, or Redis) each time cost more than checking them."""
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


def lookup[T](name: str, scope: str, build: Callable[[], T], timeout: int = 300) -> T:
    """``build()``'s value for ``scope``, from the cache while generation ``name`` stands."""
    memo = _held.get()
    if memo is not None and (name, scope) in memo:
        return memo[name, scope]
    key = f"sampark:{name}:{generation(name)}:{scope}"
    value: Any = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    if memo is not None:
        memo[name, scope] = value
    return value


def invalidate(name: str) -> None:
    """Move generation ``name`` on, now and again once the current transaction commits.

    Now, so this very transaction reads what it wrote; after the commit too, because another
    request may have rebuilt the entry from the old rows in between.
    """
    _bump(name)
    transaction.on_commit(lambda: _bump(name))
    memo = _held.get()
    if memo is not None:
        for key in [key for key in memo if key[0] == name]:
            del memo[key]


def _bump(name: str) -> None:
    try:
        cache.incr(_generation_key(name))
    except ValueError:  # not in the cache (evicted, or never read): any new number will do
        cache.set(_generation_key(name), generation(name) + 1, timeout=None)


def user_names() -> dict[int, str]:
    """Every user's name by id: lists show owners without joining the users table, which would
    tempt SQLite into reading a list through its owners (see core/planner.py)."""
    from sampark.core.models import User

    return lookup(PEOPLE, "names", lambda: {user.pk: str(user) for user in User.objects.all()})


def team_names() -> dict[int, str]:
    """Every team's name by id, for headers that name a record's team without a query."""
    from sampark.core.models import Team

    return lookup(PEOPLE, "teams", lambda: dict(Team.objects.values_list("pk", "name")))
