"""Scoring by rules: the points of the rules a lead meets add up, held to 0 to 100; each kind of
condition holds as it says; a lead is scored as it is saved, without a new version or an audit
entry; and with neither rules nor a model, leads are not scored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.core.models import AuditEntry
from sampark.leads import actions as lead_actions
from sampark.leads.models import Lead, LeadStatus
from sampark.leads.tests.factories import make_lead, make_web_form
from sampark.scoring.models import LeadScore, ScoreSource
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(people):  # type: ignore[no-untyped-def]
    return people["agent"]


def test_the_points_of_the_rules_met_add_up(agent):  # type: ignore[no-untyped-def]
    make_rule(field="source", operator="equals", value="referral", points=20)
    make_rule(field="job_title", operator="contains", value="director", points=15)
    make_rule(field="country", operator="equals", value="BD", points=5)
    make_rule(field="budget", operator="is_set", points=10)

    lead = make_lead(agent, source="referral", job_title="Finance Director", country="IN")

    assert lead.score == 35
    assert Lead.objects.get(pk=lead.pk).score == 35
    detail = LeadScore.objects.get(lead=lead)
    assert detail.source == ScoreSource.RULES
    assert [factor["points"] for factor in detail.factors] == [20, 15]


@pytest.mark.parametrize(
    ("points", "expected"),
    [((60, 50), 100), ((-30, 10), 0), ((40, -15), 25)],
)
def test_the_sum_is_held_between_0_and_100(agent, points, expected):  # type: ignore[no-untyped-def]
    make_rule(field="source", operator="equals", value="manual", points=points[0])
    make_rule(field="email", operator="is_set", points=points[1])

    assert make_lead(agent, source="manual").score == expected


@pytest.mark.parametrize(
    ("rule", "values", "holds"),
    [
        (
            {"field": "job_title", "operator": "contains", "value": "DIRECTOR"},
            {"job_title": "Sales director"},
            True,
        ),
        (
            {"field": "job_title", "operator": "contains", "value": "director"},
            {"job_title": "Accountant"},
            False,
        ),
        (
            {"field": "source", "operator": "equals", "value": "Web form"},
            {"source": "web_form"},
            True,
        ),
        (
            {"field": "source", "operator": "not_equals", "value": "referral"},
            {"source": "referral"},
            False,
        ),
        (
            {"field": "status", "operator": "equals", "value": "unqualified"},
            {"status": LeadStatus.UNQUALIFIED},
            True,
        ),
        ({"field": "country", "operator": "equals", "value": "bd"}, {"country": "BD"}, True),
        ({"field": "country", "operator": "is_empty"}, {"country": ""}, True),
        ({"field": "budget", "operator": "is_set"}, {"budget": Decimal("0")}, True),
        (
            {"field": "budget", "operator": "at_least", "value": "100000"},
            {"budget": Decimal("99999.99")},
            False,
        ),
        ({"field": "budget", "operator": "at_least", "value": "100000"}, {}, False),
        (
            {"field": "decision_maker", "operator": "equals", "value": "yes"},
            {"decision_maker": True},
            True,
        ),
        ({"field": "decision_maker", "operator": "equals", "value": "no"}, {}, False),
        ({"field": "decision_maker", "operator": "is_empty"}, {}, True),
        ({"field": "consent", "operator": "equals", "value": "no"}, {}, True),
        (
            {"field": "message_length", "operator": "at_least", "value": "20"},
            {"message": "Please call me back tomorrow."},
            True,
        ),
        (
            {"field": "utm_campaign", "operator": "equals", "value": "eid"},
            {"utm_campaign": "EID"},
            True,
        ),
    ],
)
def test_each_condition_holds_as_it_says(agent, rule, values, holds):  # type: ignore[no-untyped-def]
    make_rule(points=30, **rule)

    lead = make_lead(agent, **values)

    assert lead.score == (30 if holds else 0)


def test_web_form_submissions_count_the_visitors_sends_so_far(people):  # type: ignore[no-untyped-def]
    form = make_web_form(people["manager"], owner=people["agent"])
    make_rule(field="web_form", operator="is_set", points=10)
    make_rule(field="submissions", operator="at_least", value="2", points=25)

    first = make_lead(people["agent"], web_form=form, email="mita@example.com")
    second = make_lead(people["agent"], web_form=form, email="Mita@Example.com")
    by_hand = make_lead(people["agent"], email="mita@example.com")

    assert (first.score, second.score, by_hand.score) == (10, 35, 25)


def test_an_inactive_rule_gives_nothing(agent):  # type: ignore[no-untyped-def]
    make_rule(field="email", operator="is_set", points=40, is_active=False)

    assert make_lead(agent).score is None


def test_without_rules_or_a_model_leads_are_not_scored(agent):  # type: ignore[no-untyped-def]
    lead = make_lead(agent)

    assert lead.score is None
    assert not LeadScore.objects.exists()


def test_a_saved_lead_is_scored_again_without_a_new_version_or_audit_entry(agent):  # type: ignore[no-untyped-def]
    make_rule(field="job_title", operator="contains", value="director", points=15)
    lead = make_lead(agent)
    assert lead.score == 0

    lead = lead_actions.update_lead(lead, by=agent, values={"job_title": "IT Director"})

    assert Lead.objects.get(pk=lead.pk).score == 15
    assert lead.version == 2  # the edit's own version; scoring added none
    changes = [entry.changes for entry in AuditEntry.objects.for_record(lead)]
    assert not any("score" in change for change in changes)


def test_an_edit_that_began_before_a_rescore_is_not_refused(agent):  # type: ignore[no-untyped-def]
    lead = make_lead(agent)
    version_read = lead.version
    make_rule(field="email", operator="is_set", points=10)
    Lead.objects.filter(pk=lead.pk).update(score=99)  # as a background rescore would write

    lead_actions.update_lead(
        lead, by=agent, values={"notes": "Called"}, expected_version=version_read
    )

    assert Lead.objects.get(pk=lead.pk).score == 10
