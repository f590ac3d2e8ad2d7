"""A new workspace can take deals at once: `migrate` makes a default pipeline and lost reasons
when there is no pipeline, and leaves a workspace that has one alone."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from sampark.sales import actions_settings
from sampark.sales.models import LostReason, Pipeline, Stage
from sampark.sales.tests.factories import make_pipeline


def test_migrating_a_new_workspace_makes_the_default_pipeline(scratch_site):  # type: ignore[no-untyped-def]
    # A scratch site is migrated with the default off, like the test database: turn it on.
    assert scratch_site.query("SELECT count(*) FROM sales_pipeline") == [(0,)]

    scratch_site.sampark("migrate", "--no-input", "-v0", SAMPARK_DEFAULT_PIPELINE="true")

    pipelines = scratch_site.query("SELECT name, is_active FROM sales_pipeline")
    stages = scratch_site.query(
        "SELECT name, probability, rotting_days FROM sales_stage ORDER BY position"
    )
    reasons = scratch_site.query("SELECT name FROM sales_lostreason ORDER BY position")
    assert [(name, bool(active)) for name, active in pipelines] == [("Sales", True)]
    assert stages == [
        ("Qualified", 10, 14),
        ("Needs analysis", 25, 14),
        ("Proposal", 50, 14),
        ("Negotiation", 75, 14),
        ("Commitment", 90, 14),
    ]
    assert [name for (name,) in reasons] == [
        "Price",
        "Timing",
        "Competitor",
        "No decision",
        "Not a fit",
    ]
    # Made through the actions, so the audit trail says where the configuration came from.
    assert scratch_site.query(
        "SELECT count(*) FROM core_auditentry WHERE model_label = 'sales.pipeline'"
    ) == [(1,)]
    scratch_site.sampark("migrate", "--no-input", "-v0", SAMPARK_DEFAULT_PIPELINE="true")
    assert scratch_site.query("SELECT count(*) FROM sales_pipeline") == [(1,)]


@pytest.mark.django_db
def test_migrate_makes_it_on_a_workspace_without_pipelines(settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_DEFAULT_PIPELINE = True

    call_command("migrate", verbosity=0)

    assert Pipeline.objects.get().name == "Sales"
    assert Stage.objects.count() == 5
    assert LostReason.objects.count() == 5


@pytest.mark.django_db
def test_migrate_leaves_a_workspace_with_a_pipeline_as_it_is(settings, people):  # type: ignore[no-untyped-def]
    settings.SAMPARK_DEFAULT_PIPELINE = True
    make_pipeline("Retail")
    actions_settings.add_lost_reason(by=people["admin"], name="Budget")

    call_command("migrate", verbosity=0)

    assert list(Pipeline.objects.values_list("name", flat=True)) == ["Retail"]
    assert Stage.objects.count() == 3
    assert list(LostReason.objects.values_list("name", flat=True)) == ["Budget"]


@pytest.mark.django_db
def test_a_workspace_with_its_own_lost_reasons_keeps_them_with_the_default_pipeline(
    settings, people
):  # type: ignore[no-untyped-def]
    settings.SAMPARK_DEFAULT_PIPELINE = True
    actions_settings.add_lost_reason(by=people["admin"], name="Budget")

    call_command("migrate", verbosity=0)

    assert Pipeline.objects.get().name == "Sales"
    assert list(LostReason.objects.values_list("name", flat=True)) == ["Budget"]
