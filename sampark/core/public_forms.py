"""Guards for forms anyone on the internet may send without signing in: a lead web form, the
public ticket form, the customer portal's sign-in.

Such a form cannot always rely on CSRF tokens or sessions (it may be embedded in another
website), and needs no third-party service to keep bots and floods out:

- a signed stamp of when the form was shown (``issue_stamp`` / ``check_stamp``), so a post
  faster than a person types (bots post at once) or replayed a day later is not taken;
- a honeypot field (``HONEYPOT_FIELD``) people never see and bots fill in
  (template ``core/public/_honeypot.html`` renders both);
- counters in the shared cache (``over_limit``), per sending address and per whatever else the
  caller names (a form, the whole desk, an email address);
- a cap on the body's size (``too_big``), checked before the body is read.

Each caller keeps its own salt, keys and limits, so one form's stamps and counters never count
for another's.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

STAMP_FIELD = "sampark_ts"
HONEYPOT_FIELD = "website"
# A person needs longer than this to fill in even a short form.
MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Limit:
    posts: int
    seconds: int


class Stamp:
    """Why a stamp was not good; None from ``check_stamp`` when it is."""

    MISSING = "missing"
    TOO_FAST = "too_fast"


def issue_stamp(key: str, *, salt: str) -> str:
    """A stamp of now, for the form named ``key`` (a web form's token, say)."""
    return signing.dumps([key, time.time()], salt=salt)


def check_stamp(key: str, stamp: str, *, salt: str) -> str | None:
    """None for a stamp issued for ``key`` between a day and a few seconds ago."""
    try:
        issued_for, issued = signing.loads(stamp, salt=salt, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return Stamp.MISSING  # absent, forged, another form's shape, or more than a day old
    if issued_for != key or not isinstance(issued, int | float):
        return Stamp.MISSING
    if time.time() - issued < MIN_SECONDS:
        return Stamp.TOO_FAST
    return None


def count(key: str, limit: Limit) -> int:
    """Posts counted under ``key`` in the current window, this one included."""
    if cache.add(key, 1, limit.seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, limit.seconds)
        return 1


def over_limit(*counters: tuple[str, Limit]) -> bool:
    """Count this post under each key; whether any of them is over its limit. Every counter
    moves, so a flood on one key still counts on the others."""
    counted = [count(key, limit) > limit.posts for key, limit in counters]
    return any(counted)


def address_digest(request: HttpRequest) -> str:
    """The sender's address, hashed: counters in the cache do not keep people's addresses."""
    return hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]


def digest(text: str) -> str:
    """Any other identifier (an email address) hashed for a counter's key."""
    return hashlib.sha256(text.casefold().encode()).hexdigest()[:32]


def too_big(request: HttpRequest, max_bytes: int) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max_bytes


def wants_json(request: HttpRequest) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def see_other(url: str) -> HttpResponse:
    # 303: the browser fetches the next page with GET, and a reload does not post again.
    response = HttpResponse(status=303)
    response["Location"] = url
    return response
