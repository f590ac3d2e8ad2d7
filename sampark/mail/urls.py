from __future__ import annotations

from django.urls import path

from sampark.mail import views

app_name = "mail"
urlpatterns = [
    path("", views.mailbox_list, name="mailboxes"),
    path("new/", views.mailbox_create, name="create"),
    path("<int:pk>/", views.mailbox_edit, name="mailbox"),
    path("<int:pk>/check/", views.mailbox_check, name="check"),
    path("<int:pk>/delete/", views.mailbox_delete, name="delete"),
]
