"""Request types for views behind ``login_required``, so the type checker knows the user."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sampark.core.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # narrowed: login_required guarantees a signed-in user
    htmx: HtmxDetails
