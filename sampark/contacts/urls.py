from __future__ import annotations

from django.urls import path

from sampark.contacts import views, views_companies, views_email
from sampark.contacts.urls_timeline import urlpatterns as timeline_urls
from sampark.contacts.urls_transactions import urlpatterns as transaction_urls

app_name = "contacts"
urlpatterns = [
    path("contacts/", views.contact_list, name="list"),
    path("contacts/new/", views.contact_create, name="create"),
    path("contacts/bulk/", views.contact_bulk, name="bulk"),
    path("contacts/<int:pk>/", views.contact_detail, name="detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="delete"),
    path("contacts/<int:pk>/history/", views.contact_history, name="history"),
    path("contacts/<int:pk>/email/", views_email.contact_email, name="email"),
    path("companies/", views_companies.company_list, name="companies"),
    path("companies/new/", views_companies.company_create, name="company_create"),
    path("companies/<int:pk>/", views_companies.company_detail, name="company_detail"),
    path("companies/<int:pk>/edit/", views_companies.company_edit, name="company_edit"),
    path("companies/<int:pk>/delete/", views_companies.company_delete, name="company_delete"),
    path("companies/<int:pk>/history/", views_companies.company_history, name="company_history"),
    path(
        "companies/<int:pk>/people/", views_companies.company_person_add, name="company_person_add"
    ),
    path(
        "companies/<int:pk>/people/<int:contact_pk>/remove/",
        views_companies.company_person_remove,
        name="company_person_remove",
    ),
    *timeline_urls,
    *transaction_urls,
]
