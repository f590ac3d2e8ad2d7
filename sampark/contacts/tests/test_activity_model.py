"""What an activity must be: on a contact or company, with consistent kind-specific fields."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind, Direction
from sampark.contacts.tests.activity_factories import ActivityFactory, at
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def test_an_activity_needs_a_contact_or_a_company(people):  # type: ignore[no-untyped-def]
    activity = Activity(kind=ActivityKind.NOTE, owner=people["agent"])

    with pytest.raises(ValidationError) as error:
        activity.full_clean()

    assert NON_FIELD_ERRORS in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(owner=people["agent"])  # the database says so too


def test_the_activity_is_owned_by_its_author_in_the_records_team(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])

    activity = actions.log_activity(by=people["manager"], contact=contact, kind=ActivityKind.CALL)

    assert (activity.owner, activity.team) == (people["manager"], teams[0])
    assert activity.direction == Direction.OUTBOUND


def test_a_company_activity_takes_the_companys_team(people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["admin"], team=teams[1])

    activity = actions.log_activity(by=people["admin"], company=company, kind=ActivityKind.MEETING)

    assert activity.team == teams[1]


def test_email_addresses_are_checked_and_normalised(people, contact):  # type: ignore[no-untyped-def]
    activity = actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.EMAIL,
        from_address="Meera@EXAMPLE.com",
        to_addresses=["a@Example.COM", "a@example.com", " b@example.com "],
        cc_addresses=[],
    )

    assert activity.from_address == "Meera@example.com"
    assert activity.to_addresses == ["a@example.com", "b@example.com"]

    with pytest.raises(ValidationError) as error:
        actions.log_activity(
            by=people["agent"], contact=contact, kind=ActivityKind.EMAIL, cc_addresses=["nope"]
        )
    assert "nope" in error.value.message_dict["cc_addresses"][0]


def test_a_meeting_cannot_end_before_it_starts(people, contact):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        actions.log_activity(
            by=people["agent"],
            contact=contact,
            kind=ActivityKind.MEETING,
            starts_at=at(2, 10),
            ends_at=at(2, 9),
        )

    assert "ends_at" in error.value.message_dict


def test_a_message_id_is_logged_once(people, contact):  # type: ignore[no-untyped-def]
    actions.log_activity(
        by=people["agent"], contact=contact, kind=ActivityKind.EMAIL, message_id="<a@mail>"
    )
    # Empty ones repeat freely.
    actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.EMAIL)
    actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.EMAIL)

    with pytest.raises(ValidationError) as error:
        actions.log_activity(
            by=people["agent"], contact=contact, kind=ActivityKind.EMAIL, message_id="<a@mail>"
        )

    assert "already logged" in str(error.value)


def test_a_time_without_a_zone_is_the_writers_own(people, contact):  # type: ignore[no-untyped-def]
    activity = actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.CALL,
        occurred_at=datetime.datetime(2026, 3, 2, 15, 30),  # noqa: DTZ001
    )

    assert activity.occurred_at == datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "fax"),
        ("direction", "sideways"),
        ("duration_seconds", -1),
        ("outcome", "maybe"),
        ("video_url", "javascript:alert(1)"),
        ("attendees", "everyone"),
    ],
)
def test_invalid_values_are_refused(people, contact, field, value):  # type: ignore[no-untyped-def]
    values = {"kind": ActivityKind.CALL, field: value}

    with pytest.raises(ValidationError) as error:
        actions.log_activity(by=people["agent"], contact=contact, **values)

    assert field in error.value.message_dict
    assert not Activity.objects.exists()


def test_owner_and_team_cannot_be_chosen_by_the_caller(people, contact, teams):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="team"):
        actions.log_activity(
            by=people["agent"], contact=contact, kind=ActivityKind.CALL, team=teams[1]
        )
    activity = actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.CALL)

    with pytest.raises(ValidationError):
        actions.update_activity(activity, by=people["agent"], values={"contact": None})


def test_a_missing_contact_and_company_is_reported_once_in_words(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        Activity(kind=ActivityKind.NOTE, owner=people["agent"]).full_clean()

    assert error.value.message_dict[NON_FIELD_ERRORS] == [
        "An activity must be on a contact or a company."
    ]
