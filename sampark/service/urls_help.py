"""The public help centre (under /help/): published articles, for anyone, in their language.

Addresses read as the site does: ``/help/bn/cards/কার্ড-বন্ধ-হয়ে-গেছে/``. The language is one
of the site's; category and article addresses are slugs in any script (``sampark.lib.slugs``).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import path, register_converter

from sampark.lib.slugs import is_slug
from sampark.service import views_help


class LanguageConverter:
    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class AnySlugConverter:
    """A slug in any script. Django's ``slug`` converter takes ASCII only, and its Unicode
    pattern (``\\w``) stops at Bengali and Hindi vowel signs."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        if not is_slug(value):
            raise ValueError(value)  # no such address: a 404
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "help_language")
register_converter(AnySlugConverter, "any_slug")

app_name = "help"
urlpatterns = [
    path("", views_help.help_root, name="root"),
    path("suggest/", views_help.suggest, name="suggest"),
    path("<help_language:language>/", views_help.home, name="home"),
    path("<help_language:language>/search/", views_help.search_page, name="search"),
    path(
        "<help_language:language>/<any_slug:category>/", views_help.category_page, name="category"
    ),
    path(
        "<help_language:language>/<any_slug:category>/<any_slug:slug>/",
        views_help.article_page,
        name="article",
    ),
    path(
        "<help_language:language>/<any_slug:category>/<any_slug:slug>/vote/",
        views_help.vote,
        name="vote",
    ),
]
