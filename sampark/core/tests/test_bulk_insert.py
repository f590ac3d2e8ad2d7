"""bulk.insert writes what bulk_create would, with keys that are never handed out twice."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Contact, ContactEmail
from sampark.core import bulk

pytestmark = pytest.mark.django_db


def test_rows_are_written_with_fresh_keys_and_their_fields_prepared(people):
    agent = people["agent"]
    kept = Contact.objects.create(display_name="Kept", owner=agent)
    gone = Contact.objects.create(display_name="Gone", owner=agent)
    gone_pk = gone.pk
    gone.delete()  # its key is never given to another contact
    new = [
        Contact(display_name="রহিম উদ্দিন", owner=agent, custom={"risk": "high"}),
        Contact(display_name="राहुल शर्मा", owner=agent),
    ]
    bulk.insert(new, ids=True)
    assert [c.pk for c in new] == [gone_pk + 1, gone_pk + 2]
    assert kept.pk < gone_pk
    stored = Contact.objects.get(pk=new[0].pk)
    assert stored.display_name == "রহিম উদ্দিন"
    assert stored.custom == {"risk": "high"}
    assert stored.created_at is not None  # auto_now_add filled as on save()
    # The database's own sequence has moved on past the keys drawn.
    after = Contact.objects.create(display_name="After", owner=agent)
    assert after.pk > new[1].pk


def test_rows_without_keys_get_them_from_the_database(people):
    contact = Contact.objects.create(display_name="Asha", owner=people["agent"])
    bulk.insert(
        [
            ContactEmail(contact=contact, address="asha@example.com", is_primary=True),
            ContactEmail(contact=contact, address="asha@work.example.com", is_primary=False),
        ]
    )
    assert list(contact.emails.order_by("id").values_list("address", "is_primary")) == [
        ("asha@example.com", True),
        ("asha@work.example.com", False),
    ]


def test_nothing_to_insert_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert([])
