"""Opens and clicks of campaign mail, followed from recipients' mail programs (tracking.py)."""

from __future__ import annotations

from django.urls import path

from sampark.marketing import tracking

app_name = "marketing_track"
urlpatterns = [
    path("o/<str:token>.gif", tracking.opened, name="open"),
    path("c/<str:signed>/", tracking.clicked, name="click"),
]
