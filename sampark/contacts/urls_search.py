"""The global search page, at /search/ (URL name "search", not namespaced: it spans domains)."""

from __future__ import annotations

from django.urls import path

from sampark.contacts import views_search

urlpatterns = [path("", views_search.search_page, name="search")]
