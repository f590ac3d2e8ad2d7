from __future__ import annotations

import pytest

from sampark.duplicates.detection import find_candidates_for, find_company_candidates_for
from sampark.duplicates.models import Pair
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


def reasons(pair: Pair) -> list[str]:
    return [r["code"] for r in pair.reasons]


def test_two_contacts_with_one_email_are_a_pair_scoring_100(people):
    agent = people["agent"]
    first = contact(agent, "Rahim Uddin", email="rahim@example.com")
    second = contact(agent, "R. U.", email="Rahim@Example.com", phone="+8801711000009")

    assert find_candidates_for([second.pk]) == 1

    pair = Pair.objects.get()
    assert (pair.a_id, pair.b_id, pair.score) == (first.pk, second.pk, 100)
    assert pair.reasons[0] == {"code": "email", "value": "rahim@example.com"}


def test_a_phone_in_the_other_emails_or_phones_lists_counts_too(people):
    agent = people["agent"]
    contact(agent, "Fatema Khatun", phones=["+8801711000001", "+8801711000002"])
    second = contact(agent, "Priya Sharma", phone="01711-000002", country="BD")

    find_candidates_for([second.pk])

    assert Pair.objects.get().reasons == [{"code": "phone", "value": "+8801711000002"}]


def test_external_ids_written_differently_are_the_same_id(people):
    agent = people["agent"]
    contact(agent, "Tanvir Hasan", external_id="CRM-00123")
    second = contact(agent, "Nusrat Jahan", external_id="crm 00123")

    find_candidates_for([second.pk])

    assert reasons(Pair.objects.get()) == ["external_id"]


def test_every_reason_is_kept_for_a_pair_found_several_ways(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com", phone="+8801711000001")
    second = contact(agent, "রহিম উদ্দিন", email="rahim@example.com", phone="+8801711000001")

    find_candidates_for([second.pk])

    assert reasons(Pair.objects.get()) == ["email", "phone", "name"]


def test_companies_with_one_web_domain_are_a_pair(people):
    agent = people["agent"]
    company(agent, "Padma Textiles", domain="padma.example.com")
    second = company(agent, "Meghna Traders", domain="https://padma.example.com/about")

    assert find_company_candidates_for([second.pk]) == 1
    assert Pair.objects.get().reasons == [{"code": "domain", "value": "padma.example.com"}]


def test_unrelated_contacts_are_no_pair(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com")
    second = contact(agent, "Priya Sharma", email="priya@example.com")

    assert find_candidates_for([second.pk]) == 0
    assert not Pair.objects.exists()
