from __future__ import annotations

from django.urls import path

from sampark.customfields import views

app_name = "customfields"
urlpatterns = [
    path("", views.field_list, name="list"),
    path("new/", views.field_create, name="create"),
    path("<int:pk>/", views.field_edit, name="edit"),
    path("<int:pk>/delete/", views.field_delete, name="delete"),
]
