"""Moving the rows that point at merged records to the winner, and back again on undo."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models

from sampark.core.audit import jsonable
from sampark.duplicates.references import Clash, Reference


def _row(obj: models.Model) -> dict[str, Any]:
    return {f.attname: jsonable(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _clash_key(ref: Reference, values: dict[str, Any]) -> tuple[Any, ...] | None:
    key = tuple(values[name] for name in ref.unique_with)
    # An empty value is no identity: two transactions without an external ID never clash.
    return None if not ref.unique_with or any(v in (None, "") for v in key) else key


def move(ref: Reference, winner: int, losers: list[int]) -> dict[str, Any]:
    """Point ``ref``'s rows at the losers to the winner; what undoing it needs."""
    rows = ref.rows(losers)
    if ref.model is ref.target:
        # The merged records themselves: the winner's own reference is a field chosen in the
        # merge, and the losers are about to go.
        rows = rows.exclude(pk__in=[winner, *losers])
    names = list(
        dict.fromkeys(
            [
                ref.field,
                *ref.unique_with,
                *ref.reset,
                *([ref.clear_field] if ref.clear_field else []),
            ]
        )
    )
    taken = {
        key
        for values in ref.rows([winner]).values(*ref.unique_with)
        if ref.unique_with and (key := _clash_key(ref, values)) is not None
    }
    moved: dict[int, list[int]] = defaultdict(list)
    changed: dict[int, dict[str, Any]] = {}
    dropped: list[dict[str, Any]] = []
    for values in rows.order_by("pk").values("pk", *names):
        key = _clash_key(ref, values)
        if key is not None and key in taken:
            if ref.clash is Clash.DROP:
                dropped.append(values["pk"])
                continue
            changed[values["pk"]] = {ref.clear_field: values[ref.clear_field]}
        elif key is not None:
            taken.add(key)
        old = {name: values[name] for name in ref.reset if values[name] != ref.reset[name]}
        if old:
            changed.setdefault(values["pk"], {}).update(old)
        moved[values[ref.field]].append(values["pk"])
    dropped_rows = [_row(obj) for obj in ref.model._default_manager.filter(pk__in=dropped)]
    ref.model._default_manager.filter(pk__in=dropped).delete()
    cleared = [pk for pk, old in changed.items() if ref.clear_field in old]
    if cleared:  # before the move, or the unique constraint would refuse it
        ref.model._default_manager.filter(pk__in=cleared).update(**{ref.clear_field: ""})
    for pks in moved.values():
        ref.model._default_manager.filter(pk__in=pks).update(**{ref.field: winner}, **ref.reset)
    return {
        "ref": ref.name,
        "moved": {str(loser): pks for loser, pks in moved.items()},
        "changed": {str(pk): old for pk, old in changed.items()},
        "dropped": dropped_rows,
    }


def count(entry: dict[str, Any]) -> int:
    return sum(len(pks) for pks in entry["moved"].values())


def move_back(ref: Reference, winner: int, entry: dict[str, Any]) -> None:
    """Return the rows a merge moved to their losers (those still on the winner: one moved
    elsewhere since stays there), with the values the move changed, and recreate dropped ones."""
    manager = ref.model._default_manager
    for loser, pks in entry["moved"].items():
        manager.filter(pk__in=pks, **{ref.field: winner}).update(**{ref.field: int(loser)})
    for pk, old in entry["changed"].items():
        manager.filter(pk=int(pk)).update(**old)
    existing = set(
        manager.filter(pk__in=[r["id"] for r in entry["dropped"] if "id" in r]).values_list(
            "pk", flat=True
        )
    )
    manager.bulk_create(
        ref.model(**row) for row in entry["dropped"] if row.get("id") not in existing
    )
