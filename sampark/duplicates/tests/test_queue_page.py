from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.core.models import User
from sampark.duplicates.detection import find_candidates_for, find_company_candidates_for
from sampark.duplicates.models import Pair, PairStatus
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db

QUEUE = reverse("duplicates:queue")
# Names no two of which are alike, so each pair below is found by its email alone.
NAMES = ["Rahim", "Fatema", "Arijit", "Shreya", "Tanvir", "Sumaiya", "Prabir", "Nusrat", "Soumitra",
         "Rabindra", "Mahmud", "Oishi", "Khama", "Rituparna", "Ayesha", "Sanchita", "Rahul", "Priya",
         "Amit", "Kavita", "Suresh", "Anita", "Vikram", "Kshitij", "Shruti", "Rishabh", "Jyoti",
         "Praveen", "James", "Meera"]  # fmt: skip


def make_pairs(user: User, numbers: range) -> None:
    for n in numbers:
        contact(user, NAMES[n], email=f"shared{n}@example.com")
        twin = contact(user, NAMES[n], email=f"shared{n}@example.com")
        find_candidates_for([twin.pk])


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pairs(people):  # type: ignore[no-untyped-def]
    """An exact pair of the agent's, a fuzzy pair of the colleague's, and one across teams."""
    agent, colleague, outsider = people["agent"], people["colleague"], people["outsider"]
    rahim = contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "R. Uddin", email="rahim@example.com")
    priya = contact(colleague, "Priya Sharma")
    priya2 = contact(colleague, "प्रिया शर्मा")
    secret = contact(outsider, "Mumbai Secret Client", email="rahim@example.com")
    find_candidates_for([twin.pk, priya2.pk, secret.pk])
    return {"exact": (rahim, twin), "fuzzy": (priya, priya2), "secret": secret}


def test_the_queue_lists_open_pairs_best_first_with_their_reasons(people, pairs):
    response = signed_in(people["manager"]).get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("R. Uddin") < page.index("Priya Sharma")
    assert "same email rahim@example.com" in page
    assert "names alike: Priya Sharma ~ प्रिया शर्मा (100)" in page


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "reader"])
def test_a_record_of_another_team_is_never_shown_not_even_its_name(people, pairs, role):
    page = signed_in(people[role]).get(QUEUE).content.decode()

    if role == "admin":
        assert "Mumbai Secret Client" in page
    else:
        assert "Mumbai Secret Client" not in page
        assert "R. Uddin" in page


def test_the_outsider_sees_no_pair_of_the_dhaka_desk(people, pairs):
    page = signed_in(people["outsider"]).get(QUEUE).content.decode()

    assert "Rahim Uddin" not in page
    assert "No possible duplicates" in page


def test_the_queue_filters_companies(people, pairs):
    agent = people["agent"]
    company(agent, "Padma Textiles", domain="padma.example.com")
    other = company(agent, "পদ্মা টেক্সটাইল", domain="padma.example.com")
    find_company_candidates_for([other.pk])

    page = signed_in(agent).get(QUEUE, {"kind": "company"}).content.decode()

    assert "পদ্মা টেক্সটাইল" in page
    assert "Rahim Uddin" not in page


def test_the_queue_costs_the_same_queries_however_many_pairs(people, django_assert_max_num_queries):
    agent = people["agent"]
    client = signed_in(agent)
    make_pairs(agent, range(3))
    client.get(QUEUE)
    with django_assert_max_num_queries(12) as few:
        client.get(QUEUE)
    make_pairs(agent, range(3, 20))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE)
    assert response.content.decode().count("Not a duplicate") == 20


def test_the_queue_is_paged_by_keyset(people):
    agent = people["agent"]
    make_pairs(agent, range(30))
    client = signed_in(agent)

    first = client.get(QUEUE)
    second = client.get(first.context["next_url"])

    shown = [row.pair.pk for row in first.context["rows"]] + [
        row.pair.pk for row in second.context["rows"]
    ]
    assert sorted(shown) == sorted(Pair.objects.values_list("pk", flat=True))


def test_not_a_duplicate_dismisses_the_pair(people, pairs):
    pair = Pair.objects.get(a_id=pairs["exact"][0].pk, b_id=pairs["exact"][1].pk)

    response = signed_in(people["agent"]).post(reverse("duplicates:dismiss", args=[pair.pk]))

    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (PairStatus.DISMISSED, people["agent"])


@pytest.mark.parametrize(
    ("role", "status"), [("reader", 403), ("colleague", 403), ("outsider", 404), ("manager", 302)]
)
def test_who_may_dismiss_a_pair(people, pairs, role, status):
    pair = Pair.objects.get(a_id=pairs["exact"][0].pk, b_id=pairs["exact"][1].pk)

    response = signed_in(people[role]).post(reverse("duplicates:dismiss", args=[pair.pk]))

    assert response.status_code == status
    pair.refresh_from_db()
    assert (pair.status == PairStatus.DISMISSED) is (status == 302)


def test_a_pair_with_a_record_of_another_team_is_404_to_dismiss(people, pairs):
    rahim, _twin = pairs["exact"]
    pair = Pair.objects.get(a_id=rahim.pk, b_id=pairs["secret"].pk)

    response = signed_in(people["manager"]).post(reverse("duplicates:dismiss", args=[pair.pk]))

    assert response.status_code == 404
