"""The activity actions enforce who may log, change and delete, whatever calls them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("manager", True),
        ("agent", True),
        ("colleague", True),
        ("reader", False),  # may see the client, but adds nothing
        ("outsider", False),  # may not even see the client
    ],
)
def test_who_may_log_on_a_contact(people, contact, role, allowed):  # type: ignore[no-untyped-def]
    if allowed:
        activity = actions.log_activity(by=people[role], contact=contact, kind=ActivityKind.CALL)
        assert activity.owner == people[role]
    else:
        with pytest.raises(PermissionDenied):
            actions.log_activity(by=people[role], contact=contact, kind=ActivityKind.CALL)
        assert not Activity.objects.exists()


def test_logging_on_a_company_needs_to_see_the_company_too(people, teams, contact):  # type: ignore[no-untyped-def]
    mumbai = CompanyFactory(owner=people["outsider"], team=teams[1])

    with pytest.raises(PermissionDenied):
        actions.log_activity(
            by=people["agent"], contact=contact, company=mumbai, kind=ActivityKind.CALL
        )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("manager", True),
        ("agent", True),  # the author
        ("colleague", False),
        ("reader", False),
        ("outsider", False),
    ],
)
def test_only_the_author_a_manager_or_an_admin_may_change_or_delete(  # type: ignore[no-untyped-def]
    people, contact, role, allowed
):
    activity = actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.CALL)

    if allowed:
        actions.update_activity(activity, by=people[role], values={"subject": "changed"})
        actions.delete_activity(activity, by=people[role])
        assert not Activity.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.update_activity(activity, by=people[role], values={"subject": "changed"})
        with pytest.raises(PermissionDenied):
            actions.delete_activity(activity, by=people[role])
        assert Activity.objects.get().subject == ""
