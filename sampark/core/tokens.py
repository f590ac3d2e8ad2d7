"""Personal API tokens: issued once, stored as a SHA-256 digest, revocable.

Tokens are 256 random bits, so a plain SHA-256 (not a slow password hash) is the right digest:
nothing can be brute-forced, and lookup stays one indexed query per request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sampark.core import audit
from sampark.core.models import ApiToken, AuditAction, TokenScope, User

PREFIX = "spk_"
# last_used_at is written at most this often per token, to keep reads from becoming writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, *, name: str, scope: TokenScope, by: User) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned here once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, scope=scope, prefix=raw[:12], digest=digest(raw))
    token.full_clean()
    with transaction.atomic():
        token.save()
        audit.record(
            AuditAction.CREATE, token, by=by, changes={"name": [None, name], "scope": [None, scope]}
        )
    return token, raw


def revoke_token(token: ApiToken, *, by: User) -> None:
    if token.revoked_at:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            AuditAction.UPDATE, token, by=by, changes={"revoked_at": [None, token.revoked_at]}
        )


def authenticate(raw: str) -> ApiToken | None:
    """The active token for ``raw``, with its user; records when it was last used."""
    if not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.active().select_related("user").filter(digest=digest(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
