"""Settings → Lead scoring: admins add, change and delete rules (audited, and the leads are
scored again once the change is committed); everyone else is refused and does not see the tab;
bad input comes back as errors on its field, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.leads.models import Lead
from sampark.leads.tests.factories import make_lead
from sampark.scoring.models import ScoringModel, ScoringRule
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db

HOME = reverse("scoring_settings:home")


@pytest.fixture
def rule():  # type: ignore[no-untyped-def]
    return make_rule(field="source", operator="equals", value="referral", points=20)


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _urls(rule: ScoringRule) -> list[str]:
    return [
        HOME,
        reverse("scoring_settings:rule", args=[rule.pk]),
        reverse("scoring_settings:rule_delete", args=[rule.pk]),
        reverse("scoring_settings:retrain"),
    ]


@pytest.mark.parametrize("role", ["manager", "agent", "reader", "outsider"])
def test_only_admins_may_open_or_change_lead_scoring(client, people, rule, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    for url in _urls(rule):
        assert client.get(url).status_code in {403, 405}, url
        post = client.post(url, {"field": "email", "operator": "is_set", "points": "5"})
        assert post.status_code == 403, url
    assert ScoringRule.objects.get().points == 20
    assert not ScoringModel.objects.exists()
    assert "Lead scoring" not in client.get(reverse("settings:home")).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, rule):  # type: ignore[no-untyped-def]
    for url in _urls(rule):
        assert client.get(url).status_code == 302


def test_an_admin_adds_a_rule_and_the_leads_are_scored_again(  # type: ignore[no-untyped-def]
    client, people, immediate_tasks, django_capture_on_commit_callbacks
):
    lead = make_lead(people["agent"], job_title="Director of Finance")
    assert lead.score is None
    client.force_login(people["admin"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            HOME,
            {
                "field": "job_title",
                "operator": "contains",
                "value": "director",
                "points": "15",
                "is_active": "on",
            },
        )

    assert response.status_code == 302
    rule = ScoringRule.objects.get()
    assert (rule.field, rule.operator, rule.value, rule.points) == (
        "job_title",
        "contains",
        "director",
        15,
    )
    assert AuditEntry.objects.for_record(rule).get().action == "create"
    assert Lead.objects.get(pk=lead.pk).score == 15
    page = client.get(HOME).content.decode()
    assert "Job title contains “director”" in page


def test_an_admin_changes_and_deletes_a_rule(  # type: ignore[no-untyped-def]
    client, people, rule, immediate_tasks, django_capture_on_commit_callbacks
):
    lead = make_lead(people["agent"], source="referral")
    assert lead.score == 20
    client.force_login(people["admin"])
    url = reverse("scoring_settings:rule", args=[rule.pk])
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "field": "source",
                "operator": "equals",
                "value": "Referral",
                "points": "-5",
                "is_active": "on",
            },
        )
    assert Lead.objects.get(pk=lead.pk).score == 0
    rule.refresh_from_db()
    assert (rule.value, rule.points) == ("referral", -5)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoring_settings:rule_delete", args=[rule.pk]))
    assert not ScoringRule.objects.exists()
    assert Lead.objects.get(pk=lead.pk).score is None
    assert [entry.action for entry in AuditEntry.objects.for_record(rule)] == [
        "delete",
        "update",
        "create",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"field": "email", "operator": "is_set", "points": "0"}, "points"),
        ({"field": "email", "operator": "is_set", "points": "150"}, "points"),
        ({"field": "email", "operator": "is_set", "points": "many"}, "points"),
        ({"field": "source", "operator": "contains", "value": "web", "points": "5"}, "operator"),
        ({"field": "source", "operator": "equals", "value": "pigeon", "points": "5"}, "value"),
        ({"field": "country", "operator": "equals", "value": "XX", "points": "5"}, "value"),
        ({"field": "budget", "operator": "at_least", "value": "lots", "points": "5"}, "value"),
        ({"field": "submissions", "operator": "at_least", "value": "1.5", "points": "5"}, "value"),
        (
            {"field": "decision_maker", "operator": "equals", "value": "maybe", "points": "5"},
            "value",
        ),
        ({"field": "job_title", "operator": "contains", "value": " ", "points": "5"}, "value"),
        ({"field": "shoe_size", "operator": "is_set", "points": "5"}, "field"),
    ],
)
def test_bad_rules_are_refused_with_errors_on_their_field(client, people, data, field):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    response = client.post(HOME, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {field}
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ScoringRule.objects.exists()


def test_a_value_left_in_the_form_for_is_given_is_not_kept(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    client.post(HOME, {"field": "phone", "operator": "is_set", "value": "x", "points": "5"})

    assert ScoringRule.objects.get().value == ""


def test_the_page_says_scores_come_from_the_rules_and_why(client, people, rule):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    page = client.get(HOME).content.decode()

    assert "Scores come from your rules: the model needs at least 40 leads" in page
    assert "you have 0 won and 0 lost" in page
    assert 'href="/settings/lead-scoring/"' in client.get(reverse("settings:home")).content.decode()
