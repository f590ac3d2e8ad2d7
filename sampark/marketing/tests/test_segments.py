"""Segments: built, changed and deleted through the actions; starters shipped; members through
the permission layer; segments naming segments, without loops."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.contacts.conditions import check
from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.marketing import actions
from sampark.marketing.membership import members
from sampark.marketing.models import Segment, SegmentKind, SegmentMember
from sampark.marketing.starters import STARTERS
from sampark.marketing.tests.factories import make_list, make_segment

pytestmark = pytest.mark.django_db

BANGLADESH = {"field": "country", "op": "is", "value": ["BD"]}


def test_the_starter_segments_are_shipped_and_valid() -> None:
    shipped = {s.starter: s for s in Segment.objects.exclude(starter="")}
    assert set(shipped) == set(STARTERS)
    for key, starter in STARTERS.items():
        # Stored as the rule engine normalises them, so editing one changes only what is edited.
        assert check(starter.rules) == starter.rules
        assert shipped[key].rules == starter.rules
        assert shipped[key].owner is None


def test_a_starter_is_shown_in_the_readers_language_until_renamed() -> None:
    from django.utils import translation

    vip = Segment.objects.get(starter="dormant")
    with translation.override("bn"):
        assert vip.label != vip.name
    vip.name = "Sleeping clients"
    with translation.override("bn"):
        assert vip.label == "Sleeping clients"


def test_members_are_read_through_the_permission_layer() -> None:
    dhaka, delhi = TeamFactory(), TeamFactory()
    agent = make_user(Role.AGENT, dhaka)
    admin = make_user(Role.ADMIN)
    ours = ContactFactory(owner=agent, team=dhaka, country="BD")
    theirs = ContactFactory(owner=make_user(Role.AGENT, delhi), team=delhi, country="BD")
    segment = make_segment(admin, BANGLADESH, name="Bangladesh")
    assert set(members(segment, admin)) == {ours, theirs}
    assert list(members(segment, agent)) == [ours]


def test_building_a_segment_is_audited_and_checked() -> None:
    manager = make_user(Role.MANAGER)
    segment = make_segment(manager, BANGLADESH, name="Bangladesh")
    entry = AuditEntry.objects.get(model_label="marketing.segment", object_id=str(segment.pk))
    assert entry.changes["name"] == [None, "Bangladesh"]
    with pytest.raises(ValidationError) as caught:
        make_segment(manager, {"field": "country", "op": "is", "value": ["ZZ"]}, name="bangladesh")
    assert set(caught.value.message_dict) == {"name", "rules.conditions.0.value"}


def test_read_only_users_do_not_build_and_agents_change_only_their_own() -> None:
    with pytest.raises(PermissionDenied):
        make_segment(make_user(Role.READ_ONLY), BANGLADESH)
    agent = make_user(Role.AGENT)
    mine = make_segment(agent, BANGLADESH)
    actions.update_segment(mine, by=agent, values={"description": "Ours"})
    starter = Segment.objects.get(starter="vip")
    with pytest.raises(PermissionDenied):
        actions.update_segment(starter, by=agent, values={"name": "Mine now"})
    actions.update_segment(starter, by=make_user(Role.MANAGER), values={"name": "Top clients"})
    assert Segment.objects.get(starter="vip").name == "Top clients"


def test_a_stale_edit_is_refused() -> None:
    admin = make_user(Role.ADMIN)
    segment = make_segment(admin, BANGLADESH)
    actions.update_segment(segment, by=admin, values={"description": "first"}, expected_version=1)
    with pytest.raises(StaleVersion):
        actions.update_segment(
            segment, by=admin, values={"description": "late"}, expected_version=1
        )


def test_segments_may_name_segments_but_not_themselves() -> None:
    admin = make_user(Role.ADMIN)
    bd = ContactFactory(owner=admin, country="BD", language="bn")
    ContactFactory(owner=admin, country="BD", language="en")
    bangladesh = make_segment(admin, BANGLADESH, name="Bangladesh")
    bengali = make_segment(
        admin,
        {"field": "segment", "op": "is", "value": [str(bangladesh.pk)]},
        {"field": "language", "op": "is", "value": ["bn"]},
        name="Bengali speakers in Bangladesh",
    )
    assert list(members(bengali, admin)) == [bd]
    loop = {
        "match": "all",
        "conditions": [{"field": "segment", "op": "is", "value": [str(bengali.pk)]}],
    }
    with pytest.raises(ValidationError, match="include itself"):
        actions.update_segment(bangladesh, by=admin, values={"rules": loop})
    with pytest.raises(ValidationError, match="Bengali speakers"):
        actions.delete_segment(bangladesh, by=admin)


def test_fixed_lists_hold_only_contacts_their_builder_may_see() -> None:
    team = TeamFactory()
    agent = make_user(Role.AGENT, team)
    mine = ContactFactory(owner=agent, team=team)
    hidden = ContactFactory(owner=make_user(Role.AGENT, TeamFactory()))
    shortlist = make_list(agent, mine.pk, hidden.pk, mine.pk, name="Call this week")
    assert list(SegmentMember.objects.values_list("contact_id", flat=True)) == [mine.pk]
    assert actions.add_members(shortlist, [mine.pk], by=agent) == 0
    assert actions.remove_members(shortlist, [mine.pk], by=agent) == 1
    with pytest.raises(ValidationError):
        actions.add_members(make_segment(agent, BANGLADESH), [mine.pk], by=agent)


def test_a_segment_copied_as_a_list_keeps_todays_members() -> None:
    admin = make_user(Role.ADMIN)
    first = ContactFactory(owner=admin, country="BD")
    segment = make_segment(admin, BANGLADESH)
    copy = actions.copy_as_list(segment, by=admin, name="Bangladesh in March")
    ContactFactory(owner=admin, country="BD")  # joins the segment, not the copy
    assert copy.kind == SegmentKind.STATIC
    assert list(members(copy, admin)) == [first]
    assert members(segment, admin).count() == 2
    assert Contact.objects.count() == 2
