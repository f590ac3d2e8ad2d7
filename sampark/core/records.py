"""The base of every business record: owner, team, timestamps and a version for safe updates.

Every domain model (contact, deal, ticket, …) subclasses ``OwnedRecord``; its QuerySet filter
``visible_to`` is the one place that decides which rows a user may see, and ``create_record``,
``update_record`` and ``delete_record`` are the audited writes that domain actions build on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core import audit
from sampark.core.models import AuditAction, Team, User
from sampark.core.planner import unindexed
from sampark.core.roles import Action, Reach, reach

R = TypeVar("R", bound="OwnedRecord")

# Sent by ``update_record`` inside its transaction, after a change was written and audited, with
# ``record``, ``by`` and ``changes`` (field -> [before, after]). Receivers that act on it (tell
# followers, say) should do so in ``transaction.on_commit``, so a rolled-back change tells no one.
record_changed = Signal()


class StaleVersion(Exception):
    """Someone else changed the record since the caller read it."""

    def __init__(self, current: int) -> None:
        super().__init__(f"The record is at version {current}.")
        self.current = current


class OwnedQuerySet(models.QuerySet[R]):
    def visible_to(self, user: User, action: Action = Action.VIEW, *, many: bool = False) -> Self:
        """The rows ``user`` may perform ``action`` on, by role reach and model permission.

        ``many``: the caller knows many rows pass, and wants the planner to walk the index of
        its ORDER BY rather than the owner and team indexes (see core/planner.py).
        """
        scope = reach(user, action)
        if scope is Reach.NONE or not user.has_perm(_perm(self.model, action)):
            return self.none()
        if scope is Reach.ALL:
            return self
        rows, owner, team = self, "owner_id", "team_id"
        if many:
            key = models.IntegerField()
            owner, team = "visible_owner", "visible_team"
            rows = self.alias(
                visible_owner=unindexed("owner_id", key), visible_team=unindexed("team_id", key)
            )
        condition = reach_condition(user, action, owner=owner, team=team)
        return rows if condition is None else rows.filter(condition)


def reach_condition(
    user: User, action: Action = Action.VIEW, *, owner: str = "owner_id", team: str = "team_id"
) -> Q | None:
    """The rule ``visible_to`` applies, on any rows with an owner and a team column (figures
    kept per owner and team, such as forecast snapshots): None for every row."""
    scope = reach(user, action)
    if scope is Reach.ALL:
        return None
    if scope is Reach.NONE:
        return Q(pk__in=[])
    if scope is Reach.OWN:
        return Q(**{owner: user.pk})
    # A subquery rather than a list of ids: one query fewer per page, and the same plan.
    teams = Team.members.through.objects.filter(user_id=user.pk).values("team_id")
    return Q(**{owner: user.pk}) | Q(**{f"{team}__in": teams})


def access_tokens(record: OwnedRecord) -> tuple[str, ...]:
    """Words naming what ``visible_to`` decides a record's visibility by: its owner and team.

    Search indexes store them beside a record's words, so a query can keep to what a user may
    see before it ranks anything; ``reach_tokens`` gives the user's side. The permission layer
    still checks every hit: these only narrow the candidates early.
    """
    tokens = [f"owner{record.owner_id}"]
    if record.team_id:
        tokens.append(f"team{record.team_id}")
    return tuple(tokens)


def reach_tokens(user: User, action: Action = Action.VIEW) -> tuple[str, ...] | None:
    """The ``access_tokens`` of the records ``user`` may see, by the rule of ``visible_to``:
    None when they may see every record, () when none."""
    scope = reach(user, action)
    if scope is Reach.ALL:
        return None
    if scope is Reach.NONE:
        return ()
    own = (f"owner{user.pk}",)
    if scope is Reach.OWN:
        return own
    return own + tuple(f"team{team}" for team in user.team_ids())


def scope_key(user: User, action: Action = Action.VIEW) -> str:
    """A name for the set of rows ``visible_to(user, action)`` gives, for caching what is read
    from them: users with the same reach share it."""
    scope = reach(user, action)
    if scope is Reach.ALL or scope is Reach.NONE:
        return scope.value
    if scope is Reach.OWN:
        return f"own:{user.pk}"
    return f"teams:{user.pk}:{','.join(map(str, sorted(user.team_ids())))}"


def _perm(model: type[models.Model], action: Action) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can(user: User, action: Action, record: OwnedRecord) -> bool:
    """Whether ``user`` may perform ``action`` on this one record (same rule as ``visible_to``)."""
    scope = reach(user, action)
    if scope is Reach.NONE or not user.has_perm(_perm(type(record), action)):
        return False
    if scope is Reach.ALL:
        return True
    if record.owner_id == user.pk:
        return True
    return scope is Reach.TEAMS and record.team_id in user.team_ids()


def can_add(user: User, model: type[OwnedRecord]) -> bool:
    return reach(user, Action.ADD) is not Reach.NONE and user.has_perm(_perm(model, Action.ADD))


class OwnedRecord(models.Model):
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Fields left out of audit diffs: bookkeeping the entry itself already says (when, which).
    AUDIT_EXCLUDE = frozenset({"created_at", "updated_at", "version"})

    class Meta:
        abstract = True


def _audited_fields(record: OwnedRecord) -> Iterable[models.Field[Any, Any]]:
    return [
        f
        for f in record._meta.concrete_fields
        if f.name not in record.AUDIT_EXCLUDE and not f.primary_key
    ]


def snapshot(record: OwnedRecord) -> dict[str, Any]:
    return {f.attname: audit.jsonable(getattr(record, f.attname)) for f in _audited_fields(record)}


def create_record[T: OwnedRecord](model: type[T], *, by: User, **values: Any) -> T:
    """Create a business record owned by ``by`` (unless given) in the owner's first team."""
    values.setdefault("owner", by)
    if "team" not in values and "team_id" not in values:
        owner: User = values["owner"]
        values["team_id"] = next(iter(owner.team_ids()), None)
    record = model(**values)
    record.full_clean()
    with transaction.atomic():
        record.save(force_insert=True)
        audit.record(
            AuditAction.CREATE,
            record,
            by=by,
            changes={k: [None, v] for k, v in snapshot(record).items() if v not in (None, "")},
        )
    return record


def update_record[T: OwnedRecord](
    record: T, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> T:
    """Apply ``values``; with ``expected_version``, refuse with ``StaleVersion`` if it moved on.

    The version check and the increment happen in one UPDATE ... WHERE version = n, so two
    writers racing from the same version cannot both succeed.
    """
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    base_version = record.version if expected_version is None else expected_version
    with transaction.atomic():
        # Diff against the stored row, not the instance: a ModelForm has already written the
        # new values onto the instance by the time it is valid.
        stored = type(record)._default_manager.filter(pk=record.pk).first()
        if stored is None:
            raise StaleVersion(0)
        if stored.version != base_version:
            # Even a write that changes nothing is refused: the caller decided on stale data.
            raise StaleVersion(stored.version)
        before, after = snapshot(stored), snapshot(record)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return record
        record.updated_at = timezone.now()
        fields = {f.attname: getattr(record, f.attname) for f in _audited_fields(record)}
        updated = (
            type(record)
            ._default_manager.filter(pk=record.pk, version=base_version)
            .update(**fields, updated_at=record.updated_at, version=F("version") + 1)
        )
        if not updated:
            current = (
                type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True)
            )
            raise StaleVersion(current.first() or 0)
        record.version = base_version + 1
        audit.record(AuditAction.UPDATE, record, by=by, changes=changes)
        record_changed.send(sender=type(record), record=record, by=by, changes=changes)
    return record


def delete_record(record: OwnedRecord, *, by: User, expected_version: int | None = None) -> None:
    before = snapshot(record)
    changes = {k: [v, None] for k, v in before.items() if v not in (None, "")}
    delete_versioned(record, by=by, expected_version=expected_version, changes=changes)


def update_versioned(
    obj: models.Model,
    values: Mapping[str, Any],
    *,
    by: User,
    snapshot: Callable[[Any], dict[str, Any]],
    expected_version: int | None = None,
) -> bool:
    """Write ``values`` onto ``obj`` (any model with a ``version`` and an ``updated_at``) and
    audit what ``snapshot`` shows changed; refuse with ``StaleVersion`` if the stored row moved
    past ``expected_version`` (default: the version ``obj`` was read at). Returns whether
    anything changed: a write that changes nothing is neither saved nor audited."""
    manager = type(obj)._default_manager
    base_version = obj.version if expected_version is None else expected_version  # type: ignore[attr-defined]
    with transaction.atomic():
        stored = manager.select_for_update().filter(pk=obj.pk).first()
        if stored is None or stored.version != base_version:  # type: ignore[attr-defined]
            raise StaleVersion(stored.version if stored else 0)  # type: ignore[attr-defined]
        before = snapshot(stored)
        for field, value in values.items():
            setattr(obj, field, value)
        after = snapshot(obj)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return False
        obj.updated_at = timezone.now()  # type: ignore[attr-defined]
        manager.filter(pk=obj.pk).update(
            **{field: getattr(obj, field) for field in values},
            updated_at=obj.updated_at,  # type: ignore[attr-defined]
            version=F("version") + 1,
        )
        obj.version = base_version + 1  # type: ignore[attr-defined]
        audit.record(AuditAction.UPDATE, obj, by=by, changes=changes)
    return True


def delete_versioned(
    obj: models.Model,
    *,
    by: User,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> None:
    """Delete ``obj`` (any model with a ``version``) and audit it with ``changes``; with
    ``expected_version``, refuse with ``StaleVersion`` if it moved on meanwhile."""
    manager = type(obj)._default_manager
    with transaction.atomic():
        query = manager.filter(pk=obj.pk)
        if expected_version is not None:
            query = query.filter(version=expected_version)
        deleted, _counts = query.delete()
        if not deleted:
            current = manager.filter(pk=obj.pk).values_list("version", flat=True)
            raise StaleVersion(current.first() or 0)
        audit.record(AuditAction.DELETE, obj, by=by, changes=changes)


def access_record[T: OwnedRecord](
    user: User, model: type[T], pk: object, action: Action = Action.VIEW
) -> T:
    """Fetch one record for ``action`` or refuse.

    A record the user may not even see is reported as missing (404), so guessing ids reveals
    nothing; one they can see but not change or delete is a 403.
    """
    try:
        record: T = model._default_manager.visible_to(user).get(pk=pk)  # type: ignore[attr-defined]
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such record, or you may not see it.")) from None
    if action is not Action.VIEW and not can(user, action, record):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    return record
