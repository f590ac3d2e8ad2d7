from __future__ import annotations

from django.urls import path

from sampark.chat import views_settings

app_name = "chat_settings"
urlpatterns = [
    path("", views_settings.widget_list, name="widgets"),
    path("new/", views_settings.widget_edit, name="create"),
    path("<int:pk>/", views_settings.widget_edit, name="widget"),
    path("<int:pk>/try/", views_settings.widget_try, name="try"),
]
