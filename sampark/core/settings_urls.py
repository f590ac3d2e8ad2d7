from __future__ import annotations

from django.urls import path

from sampark.core.views import workspace

app_name = "settings"
urlpatterns = [
    path("", workspace.settings_home, name="home"),
]
