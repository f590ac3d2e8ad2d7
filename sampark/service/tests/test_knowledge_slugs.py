"""Readable addresses for articles in any script: a Bengali or Hindi title keeps its vowel signs
and viramas (combining marks, which Django's own slugify drops), and the help centre's URLs
route such addresses and refuse what is not one."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.text import slugify as django_slugify

from sampark.lib.slugs import is_slug, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("কার্ড বন্ধ হয়ে গেছে", "কার্ড-বন্ধ-হয়ে-গেছে"),
        ("अपना पासवर्ड कैसे बदलें?", "अपना-पासवर्ड-कैसे-बदलें"),
        ("Reset your PIN — fast!", "reset-your-pin-fast"),
        ("র\u200d্যাব", "র্যাব"),  # a zero-width joiner picks a glyph; the word is the same
        ("  --Café  crème-- ", "café-crème"),
        ("!!!", ""),
    ],
)
def test_titles_become_slugs_in_their_own_script(title, slug):
    assert slugify(title) == slug


def test_the_vowel_signs_and_viramas_survive(db):
    slug = slugify("কার্ড पासवर्ड")
    marks = [ch for ch in slug if unicodedata.category(ch) in ("Mn", "Mc")]

    # া ্ (Bengali), ा ् (Hindi): what Django's slugify would have dropped.
    assert marks == ["\u09be", "\u09cd", "\u093e", "\u094d"]
    assert "\u09be" not in django_slugify("কার্ড", allow_unicode=True)


def test_a_long_title_is_cut_between_words():
    slug = slugify("অ্যাকাউন্ট " * 30, max_length=40)

    assert len(slug) <= 40
    assert slug.split("-") == ["অ্যাকাউন্ট"] * len(slug.split("-"))


def test_what_is_a_slug():
    assert is_slug("কার্ড-বন্ধ")
    assert not is_slug("Card")
    assert not is_slug("card pin")
    assert not is_slug("")


def test_the_help_centre_routes_unicode_slugs_and_refuses_others(db):
    url = reverse("help:article", args=["hi", "cards", "पासवर्ड-बदलें"])
    match = resolve("/help/hi/cards/पासवर्ड-बदलें/")

    assert (
        url
        == "/help/hi/cards/%E0%A4%AA%E0%A4%BE%E0%A4%B8%E0%A4%B5%E0%A4%B0%E0%A5%8D%E0%A4%A1-%E0%A4%AC%E0%A4%A6%E0%A4%B2%E0%A5%87%E0%A4%82/"
    )
    assert match.view_name == "help:article"
    assert match.kwargs == {"language": "hi", "category": "cards", "slug": "पासवर्ड-बदलें"}
    with pytest.raises(NoReverseMatch):
        reverse("help:article", args=["fr", "cards", "pin"])
