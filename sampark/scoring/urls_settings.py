"""Settings → Lead scoring (namespace ``scoring_settings``), mounted at /settings/lead-scoring/."""

from __future__ import annotations

from django.urls import path

from sampark.scoring import views

app_name = "scoring_settings"
urlpatterns = [
    path("", views.scoring_settings, name="home"),
    path("rules/<int:pk>/", views.rule_edit, name="rule"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("retrain/", views.retrain, name="retrain"),
]
