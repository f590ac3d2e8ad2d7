"""The interaction timeline's addresses, part of the contacts URLconf (namespace ``contacts``)."""

from __future__ import annotations

from django.urls import path

from sampark.contacts import views_timeline

urlpatterns = [
    path(
        "contacts/<int:pk>/timeline/",
        views_timeline.contact_timeline,
        name="contact_timeline",
    ),
    path(
        "contacts/<int:pk>/timeline/log/",
        views_timeline.contact_log_activity,
        name="contact_log_activity",
    ),
    path(
        "companies/<int:pk>/timeline/",
        views_timeline.company_timeline,
        name="company_timeline",
    ),
    path(
        "companies/<int:pk>/timeline/log/",
        views_timeline.company_log_activity,
        name="company_log_activity",
    ),
    path("activities/<int:pk>/", views_timeline.activity_entry, name="activity"),
    path("activities/<int:pk>/edit/", views_timeline.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views_timeline.activity_delete, name="activity_delete"),
    path(
        "attachments/<int:pk>/download/",
        views_timeline.attachment_download,
        name="attachment_download",
    ),
]
