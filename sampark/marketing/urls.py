from __future__ import annotations

from django.urls import path

from sampark.core.views.sections import section_home

app_name = "marketing"
urlpatterns = [path("", section_home, {"section": "marketing"}, name="home")]
