"""Who may see, build and change segments.

Everyone with a role sees every segment (the firm shares them, as it shares tags), but who is
*in* a segment is always read through the contacts' permission layer: an agent opening "VIP"
sees only the VIP clients they may see. Admins, managers and agents build segments; read-only
users do not. A segment is changed or deleted by the one who built it, or by an admin or a
manager (who also look after the starter segments, which have no owner).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.core.roles import Action, Role, role_of
from sampark.marketing.models import Campaign, Segment

_BUILDERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})
_KEEPERS = frozenset({Role.ADMIN, Role.MANAGER})


def may_view(user: User) -> bool:
    return user.is_authenticated and role_of(user) is not None


def may_add(user: User) -> bool:
    return role_of(user) in _BUILDERS


def may_change(user: User, segment: Segment | Campaign) -> bool:
    role = role_of(user)
    return role in _KEEPERS or (role in _BUILDERS and segment.owner_id == user.pk)


def access_segment(user: User, pk: int | str, action: Action = Action.VIEW) -> Segment:
    """The segment for ``action``: 404 if there is none (or ``user`` has no role), 403 if they
    may see it but not change or delete it."""
    if not may_view(user):
        raise Http404(_("No such segment."))
    try:
        segment = Segment.objects.get(pk=pk)
    except (Segment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such segment.")) from None
    if action in (Action.CHANGE, Action.DELETE) and not may_change(user, segment):
        raise PermissionDenied(_("Only whoever built this segment, or a manager, may change it."))
    return segment
