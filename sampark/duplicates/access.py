"""Fetching a pair or a merge for a user: 404 unless they may see every record it names."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.core.records import access_record, can
from sampark.core.roles import Action, Reach, reach
from sampark.duplicates.models import Merge, Pair, RecordKind

Record = Contact | Company


def model_of(kind: str) -> type[Contact] | type[Company]:
    return Contact if kind == RecordKind.CONTACT else Company


def access_pair(user: User, pk: int, action: Action = Action.VIEW) -> tuple[Pair, Record, Record]:
    """The pair with its two records; with CHANGE, the user must be allowed to change at least
    one of them (deciding that two records are different is a decision about them)."""
    try:
        pair = Pair.objects.get(pk=pk)
    except (Pair.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such record, or you may not see it.")) from None
    model = model_of(pair.kind)
    a, b = access_record(user, model, pair.a_id), access_record(user, model, pair.b_id)
    if action is not Action.VIEW and not (can(user, action, a) or can(user, action, b)):
        raise PermissionDenied(_("Your role does not allow deciding about these records."))
    return pair, a, b


def access_merge(user: User, pk: int) -> tuple[Merge, Record | None]:
    """The merge and its winner. A merge is seen by whoever sees its winner; once the winner is
    gone, only by the person who merged and by those who see every record."""
    try:
        merge = Merge.objects.get(pk=pk)
    except (Merge.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such record, or you may not see it.")) from None
    model = model_of(merge.kind)
    if model.objects.filter(pk=merge.winner_id).exists():
        return merge, access_record(user, model, merge.winner_id)
    if merge.by_id == user.pk or reach(user, Action.VIEW) is Reach.ALL:
        return merge, None
    raise Http404(_("No such record, or you may not see it."))


def loser_names(user: User, merge: Merge) -> list[tuple[int, str]]:
    """The merged records' ids and, where the user could have seen them, their names."""
    model = model_of(merge.kind)
    name = "display_name" if model is Contact else "name"
    shown = []
    for loser in merge.undo.get("losers", []):
        values = loser["values"]
        ghost = model(owner_id=values["owner_id"], team_id=values.get("team_id"))
        shown.append((loser["id"], values[name] if can(user, Action.VIEW, ghost) else ""))
    return shown
