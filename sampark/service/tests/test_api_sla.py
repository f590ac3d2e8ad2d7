"""SLA policies over the API: everyone reads them, admins change them (and open tickets are
recounted), bad values are 422 by field."""

from __future__ import annotations

import pytest

from sampark.core.tests.api_client import API, api_client
from sampark.service.models import BusinessHours, Priority, SlaPolicy, SlaTarget
from sampark.service.tests.factories import make_ticket

POLICIES = f"{API}/sla-policies"

pytestmark = pytest.mark.django_db(transaction=True)  # the recount runs once changes commit


def test_admins_write_policies_with_targets_and_open_tickets_follow(people, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ticket = make_ticket(people["manager"], priority=Priority.URGENT)
    admin = api_client(people["admin"])

    made = admin.post_json(
        POLICIES,
        {
            "name": "Standard",
            "targets": [{"priority": Priority.URGENT, "first_response_minutes": 30}],
        },
    )

    assert made.status_code == 201
    body = made.json()
    assert body["targets"] == [
        {
            "priority": 4,
            "first_response_minutes": 30,
            "next_response_minutes": None,
            "resolution_minutes": None,
        }
    ]
    ticket.refresh_from_db()
    assert ticket.sla_policy_id == body["id"]
    changed = admin.patch_json(
        f"{POLICIES}/{body['id']}",
        {"name": "Standard", "targets": [{"priority": Priority.URGENT}]},
    )
    assert changed.json()["targets"] == []
    assert not SlaTarget.objects.exists()
    assert admin.delete(f"{POLICIES}/{body['id']}").status_code == 204
    assert not SlaPolicy.objects.exists()


def test_bad_values_are_422_by_field(people):  # type: ignore[no-untyped-def]
    admin = api_client(people["admin"])

    unknown = admin.post_json(POLICIES, {"name": "X", "company": 999})
    assert unknown.status_code == 422
    assert "company" in unknown.json()["error"]["fields"]
    bad_target = admin.post_json(
        POLICIES, {"name": "X", "targets": [{"priority": 2, "resolution_minutes": 0}]}
    )
    assert bad_target.status_code == 422
    assert not SlaPolicy.objects.exists()


@pytest.mark.parametrize("role", ["manager", "agent", "reader"])
def test_others_read_but_may_not_write(people, role):  # type: ignore[no-untyped-def]
    SlaPolicy.objects.create(name="Standard")
    BusinessHours.objects.create(name="Dhaka office", week={"6": [["09:00", "17:00"]]})
    client = api_client(people[role])

    assert [p["name"] for p in client.get(POLICIES).json()] == ["Standard"]
    assert client.get(f"{API}/business-hours").json()[0]["week"] == {"6": [["09:00", "17:00"]]}
    assert client.post_json(POLICIES, {"name": "Mine"}).status_code == 403
    assert SlaPolicy.objects.count() == 1
