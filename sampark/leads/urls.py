from __future__ import annotations

from django.urls import path

from sampark.leads import views, views_convert, views_web_forms

app_name = "leads"
urlpatterns = [
    path("", views.lead_list, name="list"),
    path("new/", views.lead_create, name="create"),
    path("assign/", views.lead_bulk_assign, name="bulk_assign"),
    path("<int:pk>/", views.lead_detail, name="detail"),
    path("<int:pk>/edit/", views.lead_edit, name="edit"),
    path("<int:pk>/delete/", views.lead_delete, name="delete"),
    path("<int:pk>/history/", views.lead_history, name="history"),
    path("<int:pk>/email/", views.lead_email, name="email"),
    path("<int:pk>/log/", views.lead_log_activity, name="log_activity"),
    path(
        "<int:pk>/log/<int:activity_pk>/delete/",
        views.lead_delete_activity,
        name="delete_activity",
    ),
    path("<int:pk>/convert/", views_convert.lead_convert, name="convert"),
    path("forms/", views_web_forms.web_form_list, name="web_forms"),
    path("forms/new/", views_web_forms.web_form_create, name="web_form_create"),
    path("forms/<int:pk>/", views_web_forms.web_form_edit, name="web_form"),
]
