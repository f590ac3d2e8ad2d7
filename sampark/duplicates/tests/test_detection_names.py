from __future__ import annotations

import pytest

from sampark.duplicates.detection import find_candidates_for, find_company_candidates_for
from sampark.duplicates.models import Pair
from sampark.duplicates.names import block_keys, likeness, words
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Rahim Uddin", "রহিম উদ্দিন"),
        ("Rahim Uddin", "Raheem Udin"),
        ("Rahim Uddin", "Uddin, Rahim"),
        ("Rahim Uddin", "Rahim Uddim"),  # a typo
        ("Rahul Sharma", "राहुल शर्मा"),
        ("Shruti Srivastava", "श्रुति श्रीवास्तव"),
        ("Soumitra Chowdhury", "সৌমিত্র চৌধুরী"),
        ("Arijit Chakraborty", "অরিজিৎ চক্রবর্তী"),
        ("Mohammad Rahman", "Md. Rahman"),
        ("Mohammad Rahman", "মোঃ রহমান"),
        ("Md. Rahim Uddin", "Rahim Uddin"),
        ("Dr. Priya Sharma", "प्रिया शर्मा"),
    ],
)
def test_names_across_scripts_and_spellings_meet_and_score_high(one, other):
    a, b = words(one), words(other)

    assert block_keys(a) & block_keys(b)
    assert likeness(a, b) >= 85


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Rahim Uddin", "Karim Uddin"),
        ("Rahul Sharma", "Rahul Verma"),
        ("Priya Sharma", "Priya Verma"),
        ("Vikram Singh", "Vikas Singh"),
        ("Rahim Uddin", "Fatema Khatun"),
    ],
)
def test_different_names_score_below_the_threshold(one, other):
    assert likeness(words(one), words(other)) < 85


def test_mohammad_alone_never_anchors_a_block():
    keys = block_keys(words("Mohammad Rahman"))

    assert keys == {"mhmd rhmn"}
    assert not any(key.startswith("mhmd+") for key in block_keys(words("Md Abdur Rahman Khan")))


def test_a_contact_in_bengali_and_one_in_latin_letters_are_a_pair_with_the_names_as_reason(people):
    agent = people["agent"]
    first = contact(agent, "রহিম উদ্দিন", email="rahim@example.com")
    second = contact(agent, "Rahim Uddin", email="rahim.uddin@example.net")

    assert find_candidates_for([second.pk]) == 1

    pair = Pair.objects.get()
    assert (pair.a_id, pair.b_id, pair.score) == (first.pk, second.pk, 100)
    assert pair.reasons == [{"code": "name", "a": "রহিম উদ্দিন", "b": "Rahim Uddin", "score": 100}]


def test_the_latin_name_field_matches_too(people):
    agent = people["agent"]
    contact(agent, "রাহুল শর্মা", latin_name="Rahul Sharma")
    second = contact(agent, "Rahul Sharma")

    find_candidates_for([second.pk])

    assert Pair.objects.get().score >= 85


def test_companies_alike_but_for_their_legal_form_are_a_pair(people):
    agent = people["agent"]
    company(agent, "পদ্মা টেক্সটাইল লিমিটেড")
    second = company(agent, "Padma Textile Ltd.")

    find_company_candidates_for([second.pk])

    assert Pair.objects.get().reasons[0]["code"] == "company_name"


def test_a_typo_in_a_name_is_found(people):
    agent = people["agent"]
    contact(agent, "Sumaiya Akter")
    second = contact(agent, "Sumaiya Aktar")

    assert find_candidates_for([second.pk]) == 1


def test_different_people_with_different_names_are_no_pair(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin")
    second = contact(agent, "Karim Uddin")

    assert find_candidates_for([second.pk]) == 0
