from __future__ import annotations

from django.urls import include, path

from sampark.service import views, views_canned, views_satisfaction, views_sections, views_web_form

app_name = "service"
urlpatterns = [
    path("", views.ticket_list, name="home"),
    path("tickets/new/", views.ticket_create, name="ticket_create"),
    path("tickets/bulk/", views.ticket_bulk, name="ticket_bulk"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:pk>/edit/", views.ticket_edit, name="ticket_edit"),
    path("tickets/<int:pk>/delete/", views.ticket_delete, name="ticket_delete"),
    path("tickets/<int:pk>/history/", views.ticket_history, name="ticket_history"),
    path("tickets/<int:pk>/reply/", views.ticket_reply, name="ticket_reply"),
    path("tickets/<int:pk>/assign/", views.ticket_assign, name="ticket_assign"),
    path("tickets/<int:pk>/merge/", views.ticket_merge, name="ticket_merge"),
    path("tickets/<int:pk>/split/<int:message_pk>/", views.ticket_split, name="ticket_split"),
    path(
        "tickets/attachments/<int:pk>/",
        views.ticket_attachment,
        name="ticket_attachment",
    ),
    path("contacts/<int:pk>/tickets/", views_sections.contact_tickets, name="contact_tickets"),
    path("companies/<int:pk>/tickets/", views_sections.company_tickets, name="company_tickets"),
    path("canned/", views_canned.canned_list, name="canned"),
    path("canned/new/", views_canned.canned_create, name="canned_create"),
    path("canned/<int:pk>/", views_canned.canned_edit, name="canned_edit"),
    path("canned/<int:pk>/delete/", views_canned.canned_delete, name="canned_delete"),
    path(
        "tickets/<int:pk>/canned/<int:canned_pk>/",
        views_canned.canned_filled,
        name="canned_filled",
    ),
    path("kb/", include("sampark.service.urls_knowledge")),
    path("satisfaction/", views_satisfaction.satisfaction, name="satisfaction"),
    path("web-form/", views_web_form.embed_page, name="web_form"),  # the public form's embed code
]
