"""The campaign pages, under /marketing/campaigns/.

No ``app_name``: included by ``sampark.marketing.urls`` without a namespace of its own, these
names join the ``marketing`` namespace (``reverse("marketing:campaign", args=[pk])``)."""

from __future__ import annotations

from django.urls import path

from sampark.marketing import views_campaigns as views

urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("new/", views.campaign_new, name="campaign_new"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/launch/", views.campaign_launch, name="campaign_launch"),
    path("<int:pk>/pause/", views.campaign_pause, name="campaign_pause"),
    path("<int:pk>/resume/", views.campaign_resume, name="campaign_resume"),
    path("<int:pk>/cancel/", views.campaign_cancel, name="campaign_cancel"),
    path("<int:pk>/test/", views.campaign_test, name="campaign_test"),
]
