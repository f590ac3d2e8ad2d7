"""The survey pages, under /marketing/surveys/.

No ``app_name``: included by ``sampark.marketing.urls`` without a namespace of its own, these
names join the ``marketing`` namespace (``reverse("marketing:survey", args=[pk])``)."""

from __future__ import annotations

from django.urls import path

from sampark.marketing import views_surveys as views

urlpatterns = [
    path("", views.survey_list, name="surveys"),
    path("new/", views.survey_edit, name="survey_new"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/invite/", views.survey_invite, name="survey_invite"),
]
