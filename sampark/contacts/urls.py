from __future__ import annotations

from django.urls import path

from sampark.contacts import views
from sampark.core.views.sections import section_home

app_name = "contacts"
urlpatterns = [
    path("contacts/", views.contact_list, name="list"),
    path("contacts/new/", views.contact_create, name="create"),
    path("contacts/<int:pk>/", views.contact_detail, name="detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="delete"),
    path("contacts/<int:pk>/history/", views.contact_history, name="history"),
    path("companies/", section_home, {"section": "companies"}, name="companies"),
]
