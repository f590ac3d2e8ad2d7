"""Visitors of a firm's website send a web form; the guards keep out bots, floods and other
websites, and every real enquiry becomes a lead for the form's owner, who is told in the app.

The manager of the Dhaka desk set up the form; its leads go to the agent.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sampark.collab.models import Notification
from sampark.core.models import AuditEntry
from sampark.leads import capture
from sampark.leads.models import Lead, LeadSource, WebForm
from sampark.leads.tests.factories import make_web_form

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"


@pytest.fixture
def form(people, teams) -> WebForm:  # type: ignore[no-untyped-def]
    return make_web_form(
        people["manager"],
        owner=people["agent"],
        team=teams[0],
        asked=["email", "phone", "company_name", "message", "consent"],
        required=["email"],
        consent_text="You may contact me about my enquiry.",
        default_country="BD",
        language="bn",
        thank_you_message="ধন্যবাদ! আমরা শীঘ্রই যোগাযোগ করব।",
    )


def url(form: WebForm) -> str:
    return reverse("web_form_page", args=[form.public_token])


def stamp(form: WebForm, seconds_ago: int = 30) -> str:
    with freeze_time(timezone.now() - datetime.timedelta(seconds=seconds_ago)):
        return capture.issue_stamp(form)


def entry(form: WebForm, **values: str) -> dict[str, str]:
    return {
        "name": "রহিমা খাতুন",
        "email": "rahima@meghna.com.bd",
        "phone": "০১৭১১-০০০০০১",
        "company_name": "মেঘনা ট্রেডার্স",
        "message": "সঞ্চয়পত্র সম্পর্কে জানতে চাই।",
        "consent": "on",
        capture.STAMP_FIELD: stamp(form),
        **values,
    }


def test_a_bengali_enquiry_becomes_a_lead_for_the_forms_owner(client, people, teams, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form), headers={"Origin": SHOP})

    assert response.status_code == 200
    assert "ধন্যবাদ" in response.content.decode()
    lead = Lead.objects.get()
    assert (lead.name, lead.phone, lead.country) == ("রহিমা খাতুন", "+8801711000001", "BD")
    assert (lead.company_name, lead.message) == ("মেঘনা ট্রেডার্স", "সঞ্চয়পত্র সম্পর্কে জানতে চাই।")
    assert (lead.owner, lead.team, lead.web_form) == (people["agent"], teams[0], form)
    assert (lead.source, lead.language) == (LeadSource.WEB_FORM, "bn")
    assert lead.consent
    assert lead.consent_at is not None
    assert lead.consent_text == "You may contact me about my enquiry."
    assert AuditEntry.objects.for_record(lead).get().channel == "system"


def test_the_owner_is_told_in_the_app(client, people, form, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(form), entry(form))

    notice = Notification.objects.get(recipient=people["agent"])
    assert "রহিমা খাতুন" in notice.message
    assert notice.url == reverse("leads:detail", args=[Lead.objects.get().pk])


def test_a_hindi_form_answers_in_hindi(client, people, teams):  # type: ignore[no-untyped-def]
    form = make_web_form(
        people["manager"], owner=people["agent"], language="hi", default_country="IN"
    )
    values = entry(form, name="", email="priya@example.in", phone="०९८७६५ ४३२१०")

    response = client.post(url(form), values)

    assert response.status_code == 400
    assert "यह फ़ील्ड आवश्यक है" in response.content.decode()
    client.post(url(form), {**values, "name": "प्रिया शर्मा"})
    lead = Lead.objects.get()
    assert (lead.name, lead.phone, lead.language) == ("प्रिया शर्मा", "+919876543210", "hi")


def test_a_filled_honeypot_is_thanked_and_forgotten(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, **{capture.HONEYPOT_FIELD: "http://spam"}))

    assert response.status_code == 200
    assert "ধন্যবাদ" in response.content.decode()
    assert not Lead.objects.exists()


def test_a_post_faster_than_a_person_types_is_not_taken(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, **{capture.STAMP_FIELD: stamp(form, 1)}))

    assert response.status_code == 400
    assert not Lead.objects.exists()


def test_a_post_without_a_fresh_stamp_is_shown_back_to_send_again(client, form):  # type: ignore[no-untyped-def]
    """The plain HTML snippet has no stamp: the visitor's entries come back, with a new one."""
    stale = stamp(form, 2 * 24 * 3600)
    for values in (
        entry(form, **{capture.STAMP_FIELD: ""}),
        entry(form, **{capture.STAMP_FIELD: stale}),
    ):
        response = client.post(url(form), values)

        assert response.status_code == 400
        page = response.content.decode()
        assert "রহিমা খাতুন" in page  # their entries, to send again
        fresh = response.context["stamp"]
        assert capture.check_stamp(form, fresh) == capture.Stamp.TOO_FAST  # new, and valid
    assert not Lead.objects.exists()


def test_a_stamp_of_another_form_is_not_taken(client, people, form):  # type: ignore[no-untyped-def]
    other = make_web_form(people["manager"], owner=people["agent"])

    response = client.post(url(form), entry(form, **{capture.STAMP_FIELD: stamp(other)}))

    assert response.status_code == 400
    assert not Lead.objects.exists()


def test_one_address_may_post_ten_times_a_minute(client, form):  # type: ignore[no-untyped-def]
    bot = entry(form, **{capture.HONEYPOT_FIELD: "x"})
    answers = [client.post(url(form), bot).status_code for _ in range(capture.PER_ADDRESS.posts)]

    refused = client.post(url(form), entry(form))

    assert set(answers) == {200}
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert not Lead.objects.exists()
    assert Client(REMOTE_ADDR="203.0.113.9").post(url(form), entry(form)).status_code == 200


def test_one_form_takes_a_limited_number_of_posts_a_minute(form, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(capture, "PER_FORM", capture.Limit(3, 60))
    answers = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(url(form), entry(form, email=f"v{n}@example.com"))
        for n in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert Lead.objects.count() == 3


def test_only_the_allowed_websites_may_post(client, people, form):  # type: ignore[no-untyped-def]
    form.allowed_origins = f"{SHOP}/contact"
    form.save()

    refused = client.post(url(form), entry(form), headers={"Origin": "https://evil.example"})
    no_origin = client.post(url(form), entry(form))
    by_referer = client.post(url(form), entry(form), headers={"Referer": f"{SHOP}/offer?x=1"})
    by_origin = client.post(url(form), entry(form, email="b@example.com"), headers={"Origin": SHOP})

    assert (refused.status_code, no_origin.status_code) == (403, 403)
    assert (by_referer.status_code, by_origin.status_code) == (200, 200)
    assert Lead.objects.count() == 2


def test_a_missing_required_field_is_shown_on_the_field(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, email=""))

    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert 'id="sampark-email_error"' in response.content.decode()
    assert not Lead.objects.exists()


def test_bad_values_answer_json_to_a_script(client, form):  # type: ignore[no-untyped-def]
    response = client.post(
        url(form), entry(form, email="rahima@", phone="12"), headers={"Accept": "application/json"}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"email", "phone"}


def test_a_json_success_tells_nothing_of_the_lead(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form), headers={"Accept": "application/json"})

    assert response.status_code == 201
    assert response.json() == {"message": form.thank_you_message, "redirect": None}
    assert "rahima" not in response.content.decode()


def test_an_oversized_post_is_refused_unread(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, message="অ" * 30_000))

    assert response.status_code == 413
    assert not Lead.objects.exists()


def test_a_message_longer_than_allowed_is_a_field_error(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, message="a" * 5000))

    assert response.status_code == 400
    assert response.context["form"].errors["message"]


def test_campaign_tags_come_from_the_fields_or_the_referring_page(client, form):  # type: ignore[no-untyped-def]
    client.post(
        url(form),
        entry(form, utm_source="facebook", utm_campaign="eid"),
        headers={"Referer": f"{SHOP}/offer?utm_source=google&utm_medium=cpc"},
    )

    lead = Lead.objects.get()
    assert (lead.utm_source, lead.utm_medium, lead.utm_campaign) == ("facebook", "cpc", "eid")
    assert lead.page_url == f"{SHOP}/offer?utm_source=google&utm_medium=cpc"


def test_a_redirect_sends_the_visitor_on(client, form):  # type: ignore[no-untyped-def]
    form.redirect_url = f"{SHOP}/thanks"
    form.save()

    response = client.post(url(form), entry(form))

    assert response.status_code == 303
    assert response["Location"] == f"{SHOP}/thanks"


def test_an_inactive_or_unknown_form_is_not_found(client, form):  # type: ignore[no-untyped-def]
    form.is_active = False
    form.save()

    assert client.post(url(form), entry(form)).status_code == 404
    assert client.get(reverse("web_form_page", args=["nope"])).status_code == 404
    assert not Lead.objects.exists()


def test_the_forms_own_page_carries_a_fresh_stamp_and_no_csrf_token(client, form):  # type: ignore[no-untyped-def]
    response = client.get(url(form))

    assert response.status_code == 200
    assert capture.check_stamp(form, response.context["stamp"]) == capture.Stamp.TOO_FAST
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_stamp_is_readable_by_the_allowed_websites_only(client, form):  # type: ignore[no-untyped-def]
    stamp_url = reverse("web_form_stamp", args=[form.public_token])
    form.allowed_origins = SHOP
    form.save()

    allowed = client.get(stamp_url, headers={"Origin": SHOP})
    other = client.get(stamp_url, headers={"Origin": "https://evil.example"})

    assert allowed["Access-Control-Allow-Origin"] == SHOP
    assert "Access-Control-Allow-Origin" not in other
    assert capture.check_stamp(form, json.loads(allowed.content)["stamp"]) == "too_fast"


def test_a_page_address_that_is_not_a_url_is_dropped_not_refused(client, form):  # type: ignore[no-untyped-def]
    response = client.post(url(form), entry(form, page_url="javascript:alert(1)"))

    assert response.status_code == 200
    assert Lead.objects.get().page_url == ""
