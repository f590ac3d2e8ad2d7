from __future__ import annotations

from django.urls import path

from sampark.chat import views_inbox

app_name = "chat"
urlpatterns = [
    path("", views_inbox.inbox, name="inbox"),
    path("<int:pk>/", views_inbox.transcript, name="transcript"),
    path("<int:pk>/client/", views_inbox.contact_panel, name="contact_panel"),
    path("<int:pk>/canned/", views_inbox.canned_responses, name="canned"),
]
