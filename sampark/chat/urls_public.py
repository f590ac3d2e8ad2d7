from __future__ import annotations

from django.urls import path

from sampark.chat import views_live, views_public

app_name = "chat_public"
urlpatterns = [
    path("widget/<str:key>/config.json", views_public.widget_config, name="widget_config"),
    # The widget's HTTP fallback, where WebSockets are blocked (served by the ASGI process).
    path("live/<str:key>/send", views_live.send, name="live_send"),
    path("live/<str:key>/events", views_live.events, name="live_events"),
]
