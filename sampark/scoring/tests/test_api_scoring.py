"""Lead scoring over the API: the model and retraining are for admins alone; every lead shows
its score, where it came from and its top factors; the lead list filters and sorts by score;
another team's lead stays out of reach."""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client
from sampark.leads.tests.factories import make_lead
from sampark.scoring.models import ScoringModel
from sampark.scoring.tests.factories import make_rule, save_history
from sampark.scoring.tests.synthetic import synthetic_leads

pytestmark = pytest.mark.django_db

MODEL = f"{API}/scoring/model"
RETRAIN = f"{API}/scoring/retrain"
LEADS = f"{API}/leads"


@pytest.mark.parametrize("role", ["manager", "agent", "reader", "outsider"])
def test_only_admins_see_the_model_or_retrain_it(people, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role])

    for response in (client.get(MODEL), client.post_json(RETRAIN, {})):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


def test_without_a_token_it_is_401(db):  # type: ignore[no-untyped-def]
    assert Client().get(MODEL).status_code == 401
    assert Client().post(RETRAIN).status_code == 401


def test_a_read_only_token_may_not_retrain(people):  # type: ignore[no-untyped-def]
    client = api_client(people["admin"], TokenScope.READ)

    assert client.get(MODEL).status_code == 200
    assert client.post_json(RETRAIN, {}).status_code == 403


def test_with_too_little_history_retraining_says_what_is_missing(people):  # type: ignore[no-untyped-def]
    client = api_client(people["admin"])

    body = client.post_json(RETRAIN, {}).json()

    assert body["source"] == "rules"
    assert body["model"] is None
    assert (body["won"], body["lost"], body["min_labelled"], body["min_per_class"]) == (
        0,
        0,
        40,
        10,
    )
    assert "you have 0 won and 0 lost" in body["message"]
    assert not ScoringModel.objects.exists()


def test_an_admin_retrains_and_reads_the_model(people):  # type: ignore[no-untyped-def]
    leads, labels = synthetic_leads(200)
    save_history(people["colleague"], leads, labels)
    client = api_client(people["admin"])

    trained = client.post_json(RETRAIN, {}).json()
    body = client.get(MODEL).json()

    assert trained == body
    assert body["source"] == "model"
    assert body["message"] == ""
    model = body["model"]
    assert model["n_samples"] == 200
    assert model["n_positive"] + model["n_negative"] == 200
    assert model["n_holdout"] == 50
    assert model["auc"] > 0.75
    assert model["in_use"] is True
    assert model["trained_by"] == people["admin"].pk
    top = model["coefficients"][:2]
    assert {c["feature"] for c in top} == {"source=referral", "seniority=director"}
    assert {c["label"] for c in top} == {"Source: Referral", "Job title: director or head"}
    weights = [abs(c["coefficient"]) for c in model["coefficients"]]
    assert weights == sorted(weights, reverse=True)


def test_leads_carry_their_score_source_and_factors(people, teams):  # type: ignore[no-untyped-def]
    make_rule(field="source", operator="equals", value="referral", points=20)
    make_rule(field="budget", operator="is_set", points=15, name="Has a budget")
    lead = make_lead(people["agent"], team=teams[0], source="referral", budget="50000")
    client = api_client(people["reader"], TokenScope.READ)

    listed = client.get(LEADS).json()["items"][0]
    one = client.get(f"{LEADS}/{lead.pk}").json()

    assert listed == one
    assert (one["score"], one["score_source"]) == (35, "rules")
    assert one["score_factors"] == [
        {"label": "Source is Referral", "points": 20},
        {"label": "Has a budget", "points": 15},
    ]


def test_an_unscored_lead_has_no_factors(people):  # type: ignore[no-untyped-def]
    make_lead(people["agent"])

    item = api_client(people["agent"]).get(LEADS).json()["items"][0]

    assert (item["score"], item["score_source"], item["score_factors"]) == (None, None, [])


def test_the_list_filters_and_sorts_by_score(people, teams):  # type: ignore[no-untyped-def]
    make_lead(people["agent"], team=teams[0], name="Unscored")
    make_rule(field="job_title", operator="contains", value="director", points=40)
    make_lead(people["agent"], team=teams[0], name="Director", job_title="Director")
    make_lead(people["agent"], team=teams[0], name="Clerk", job_title="Clerk")
    client = api_client(people["agent"])

    def names(params):  # type: ignore[no-untyped-def]
        return [item["name"] for item in client.get(LEADS, params).json()["items"]]

    assert names({"sort": "score"}) == ["Director", "Clerk", "Unscored"]
    assert names({"sort": "score", "limit": 1}) == ["Director"]
    assert names({"min_score": 1}) == ["Director"]
    assert names({"min_score": 0, "sort": "newest"}) == ["Clerk", "Director"]
    for params, field in (({"sort": "best"}, "sort"), ({"min_score": 101}, "min_score")):
        bad = client.get(LEADS, params)
        assert bad.status_code == 422
        assert set(bad.json()["error"]["fields"]) == {field}


def test_another_teams_scored_lead_is_out_of_reach(people, teams):  # type: ignore[no-untyped-def]
    make_rule(field="email", operator="is_set", points=50)
    lead = make_lead(people["agent"], team=teams[0])
    client = api_client(people["outsider"])

    assert client.get(f"{LEADS}/{lead.pk}").status_code == 404
    assert client.get(LEADS, {"min_score": 0}).json()["items"] == []


def test_the_schema_documents_the_scoring_operations(db):  # type: ignore[no-untyped-def]
    schema = Client().get(f"{API}/openapi.json").json()
    paths = schema["paths"]

    assert set(paths[MODEL]) == {"get"}
    assert set(paths[RETRAIN]) == {"post"}
    assert {"200", "401", "403"} <= set(paths[RETRAIN]["post"]["responses"])
    lead = schema["components"]["schemas"]["LeadOut"]["properties"]
    assert {"score", "score_source", "score_factors"} <= set(lead)
    parameters = {p["name"] for p in paths[LEADS]["get"]["parameters"]}
    assert {"min_score", "sort"} <= parameters
