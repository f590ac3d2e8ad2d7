from __future__ import annotations

import datetime

import pytest

from sampark.core import periodic
from sampark.duplicates.hooks import checks_deferred
from sampark.duplicates.models import Pair
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_a_new_contact_is_checked_once_it_is_saved(people, django_capture_on_commit_callbacks):
    contact(people["agent"], "Rahim Uddin", email="rahim@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        twin = contact(people["agent"], "Someone", email="rahim@example.com")

    assert Pair.objects.get().b_id == twin.pk


def test_a_new_company_is_checked_too(people, django_capture_on_commit_callbacks):
    company(people["agent"], "Padma Textiles")

    with django_capture_on_commit_callbacks(execute=True):
        company(people["agent"], "Padma Textiles Ltd")

    assert Pair.objects.count() == 1


def test_an_import_can_defer_the_checks_to_its_batches(people, django_capture_on_commit_callbacks):
    contact(people["agent"], "Rahim Uddin", email="rahim@example.com")

    with checks_deferred(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        contact(people["agent"], "Someone", email="rahim@example.com")

    assert callbacks == []
    assert not Pair.objects.exists()


def test_the_daily_scan_is_registered():
    assert periodic.registered()["sampark.duplicates.tasks.scan_changes"] == datetime.timedelta(
        days=1
    )
