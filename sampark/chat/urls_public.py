from __future__ import annotations

from django.urls import path

from sampark.chat import views_public

app_name = "chat_public"
urlpatterns = [
    path("widget/<str:key>/config.json", views_public.widget_config, name="widget_config"),
]
