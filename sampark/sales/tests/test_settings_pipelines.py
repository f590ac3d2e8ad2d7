"""Settings → Sales → Pipelines: an admin adds, renames, deactivates and deletes pipelines."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.sales.models import Pipeline
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    return client


def test_an_admin_adds_a_pipeline_and_is_taken_to_its_stages(admin_client):  # type: ignore[no-untyped-def]
    make_pipeline("Retail")

    response = admin_client.post(
        reverse("sales_settings:pipelines"), {"name": "  Institutional ", "is_active": "on"}
    )

    pipeline = Pipeline.objects.get(name="Institutional")
    assert response["Location"] == reverse("sales_settings:pipeline", args=[pipeline.pk])
    assert pipeline.position == 1  # after Retail
    entry = AuditEntry.objects.get(model_label="sales.pipeline", object_id=str(pipeline.pk))
    assert entry.changes["name"] == [None, "Institutional"]
    page = admin_client.get(response["Location"]).content.decode()
    assert "This pipeline has no stages yet" in page


def test_a_name_taken_or_left_empty_is_refused_on_the_field(admin_client):  # type: ignore[no-untyped-def]
    make_pipeline("Retail")

    taken = admin_client.post(reverse("sales_settings:pipelines"), {"name": "Retail"})
    empty = admin_client.post(reverse("sales_settings:pipelines"), {"name": ""})

    assert taken.status_code == empty.status_code == 200
    assert taken.context["form"].errors["name"]
    assert empty.context["form"].errors["name"] == ["This field is required."]
    assert Pipeline.objects.count() == 1


def test_renaming_and_deactivating_is_audited(admin_client, people):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline("Retail")

    response = admin_client.post(
        reverse("sales_settings:pipeline", args=[pipeline.pk]), {"pipeline-name": "Retail desk"}
    )

    assert response.status_code == 302
    pipeline.refresh_from_db()
    assert (pipeline.name, pipeline.is_active) == ("Retail desk", False)
    entry = AuditEntry.objects.filter(model_label="sales.pipeline").latest("seq")
    assert entry.changes == {"name": ["Retail", "Retail desk"], "is_active": [True, False]}
    assert entry.actor == people["admin"]
    page = admin_client.get(reverse("sales_settings:pipelines")).content.decode()
    assert "Retail desk" in page
    assert "Inactive" in page


def test_a_pipeline_with_deals_is_not_deleted_and_the_admin_is_told_why(admin_client, people):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline("Retail")
    make_deal(people["agent"], pipeline)
    make_deal(people["outsider"], pipeline)
    url = reverse("sales_settings:pipeline_delete", args=[pipeline.pk])

    assert "2 deals are in this pipeline" in admin_client.get(url).content.decode()
    response = admin_client.post(url, follow=True)

    assert Pipeline.objects.filter(pk=pipeline.pk).exists()
    assert "2 deals are in this pipeline (open, won or lost)" in response.content.decode()


def test_a_pipeline_without_deals_is_deleted_with_its_stages(admin_client):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline("Retail")

    response = admin_client.post(reverse("sales_settings:pipeline_delete", args=[pipeline.pk]))

    assert response["Location"] == reverse("sales_settings:pipelines")
    assert not Pipeline.objects.exists()
    assert AuditEntry.objects.filter(model_label="sales.pipeline", action="delete").exists()


def test_an_unknown_pipeline_is_a_404(admin_client):  # type: ignore[no-untyped-def]
    assert admin_client.get(reverse("sales_settings:pipeline", args=[999])).status_code == 404


def test_the_list_counts_each_pipelines_stages_and_deals(admin_client, people):  # type: ignore[no-untyped-def]
    retail = make_pipeline("Retail")
    make_pipeline("Institutional", stages=(("Pitch", 20), ("Mandate", 90)))
    for _ in range(3):
        make_deal(people["agent"], retail)

    rows = admin_client.get(reverse("sales_settings:pipelines")).context["pipelines"]

    assert [(p.name, stages, deals) for p, stages, deals in rows] == [
        ("Retail", 3, 3),
        ("Institutional", 2, 0),
    ]
