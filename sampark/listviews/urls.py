"""The list controls' addresses (namespace ``listviews``), under /lists/."""

from __future__ import annotations

from django.urls import path

from sampark.listviews import views

app_name = "listviews"
urlpatterns = [
    path("<slug:list_name>/columns/", views.columns, name="columns"),
    path("<slug:list_name>/views/new/", views.view_create, name="create"),
    path("views/<int:pk>/edit/", views.view_edit, name="edit"),
    path("views/<int:pk>/update/", views.view_update, name="update"),
    path("views/<int:pk>/delete/", views.view_delete, name="delete"),
]
