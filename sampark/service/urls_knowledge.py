"""The knowledge base's pages for staff (under /service/kb/, in the ``service`` namespace)."""

from __future__ import annotations

from django.urls import path

from sampark.service import views_knowledge as views
from sampark.service import views_knowledge_categories as categories

urlpatterns = [
    path("", views.article_list, name="kb_list"),
    path("new/", views.article_create, name="kb_create"),
    path("suggest/", views.suggest, name="kb_suggest"),
    path("categories/", categories.category_list, name="kb_categories"),
    path("categories/<int:pk>/", categories.category_edit, name="kb_category_edit"),
    path("categories/<int:pk>/delete/", categories.category_delete, name="kb_category_delete"),
    path("<int:pk>/", views.article_detail, name="kb_article"),
    path("<int:pk>/edit/", views.article_edit, name="kb_edit"),
    path("<int:pk>/status/", views.article_status, name="kb_status"),
    path("<int:pk>/translate/", views.article_translate, name="kb_translate"),
    path("<int:pk>/delete/", views.article_delete, name="kb_delete"),
    path("<int:pk>/history/", views.article_history, name="kb_history"),
    path("<int:pk>/revisions/<int:number>/", views.revision_detail, name="kb_revision"),
    path("<int:pk>/revisions/<int:number>/restore/", views.revision_restore, name="kb_restore"),
]
