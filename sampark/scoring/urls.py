"""The score section of a lead's page (namespace ``scoring``), mounted at /scoring/."""

from __future__ import annotations

from django.urls import path

from sampark.scoring import views

app_name = "scoring"
urlpatterns = [
    path("leads/<int:pk>/", views.lead_score, name="lead"),
]
