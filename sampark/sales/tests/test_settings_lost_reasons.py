"""Settings → Sales → Lost reasons: added, renamed, put in order and deactivated by admins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.sales.models import LostReason

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    return client


def _names() -> list[str]:
    return list(LostReason.objects.order_by("position", "id").values_list("name", flat=True))


def test_reasons_are_added_at_the_end_and_moved_into_place(admin_client):  # type: ignore[no-untyped-def]
    for name in ("Price", "Timing", "Competitor"):
        assert (
            admin_client.post(reverse("sales_settings:lost_reasons"), {"name": name}).status_code
            == 302
        )
    competitor = LostReason.objects.get(name="Competitor")

    admin_client.post(
        reverse("sales_settings:lost_reason_move", args=[competitor.pk]), {"direction": "up"}
    )

    assert _names() == ["Price", "Competitor", "Timing"]
    page = admin_client.get(reverse("sales_settings:lost_reasons")).content.decode()
    table = page[page.index("<tbody>") :]
    assert table.index("Competitor") < table.index("Timing")


def test_a_reason_is_renamed_and_deactivated_with_its_history(admin_client):  # type: ignore[no-untyped-def]
    reason = LostReason.objects.create(name="Price")
    url = reverse("sales_settings:lost_reason", args=[reason.pk])

    assert admin_client.post(url, {"name": "Price too high"}).status_code == 302

    reason.refresh_from_db()
    assert (reason.name, reason.is_active) == ("Price too high", False)
    entry = AuditEntry.objects.get(model_label="sales.lostreason", object_id=str(reason.pk))
    assert entry.changes == {"name": ["Price", "Price too high"], "is_active": [True, False]}
    assert "Price too high" in admin_client.get(url).content.decode()


def test_a_name_taken_or_empty_is_refused_on_the_field(admin_client):  # type: ignore[no-untyped-def]
    LostReason.objects.create(name="Price")

    taken = admin_client.post(reverse("sales_settings:lost_reasons"), {"name": "Price"})
    empty = admin_client.post(reverse("sales_settings:lost_reasons"), {"name": " "})

    assert taken.context["form"].errors["name"]
    assert empty.context["form"].errors["name"]
    assert _names() == ["Price"]
