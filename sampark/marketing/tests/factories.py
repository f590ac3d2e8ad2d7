"""Builders for segment tests, through the actions (checked and audited as in life)."""

from __future__ import annotations

from typing import Any

from sampark.core.models import User
from sampark.marketing import actions
from sampark.marketing.models import Segment, SegmentKind


def make_segment(by: User, *conditions: dict[str, Any], name: str = "", **values: Any) -> Segment:
    """A segment by rules keeping contacts that pass every one of ``conditions``."""
    rules = {"match": "all", "conditions": list(conditions)}
    return actions.create_segment(
        by=by, name=name or f"Segment {Segment.objects.count() + 1}", rules=rules, **values
    )


def make_list(by: User, *contact_ids: int, name: str = "") -> Segment:
    """A fixed list holding ``contact_ids``."""
    segment = actions.create_segment(
        by=by, name=name or f"List {Segment.objects.count() + 1}", kind=SegmentKind.STATIC
    )
    actions.add_members(segment, contact_ids, by=by)
    return segment
