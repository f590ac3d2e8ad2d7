"""Settings → Sales (namespace ``sales_settings``), mounted at /settings/sales/."""

from __future__ import annotations

from django.urls import path

from sampark.sales import views_settings as views

app_name = "sales_settings"
urlpatterns = [
    path("pipelines/", views.pipeline_list, name="pipelines"),
    path("pipelines/<int:pk>/", views.pipeline_detail, name="pipeline"),
    path("pipelines/<int:pk>/delete/", views.pipeline_delete, name="pipeline_delete"),
    path("pipelines/<int:pk>/stages/", views.stage_create, name="stage_create"),
    path("pipelines/<int:pipeline_pk>/stages/<int:pk>/", views.stage_edit, name="stage"),
    path("pipelines/<int:pipeline_pk>/stages/<int:pk>/move/", views.stage_move, name="stage_move"),
    path(
        "pipelines/<int:pipeline_pk>/stages/<int:pk>/delete/",
        views.stage_delete,
        name="stage_delete",
    ),
    path("lost-reasons/", views.lost_reason_list, name="lost_reasons"),
    path("lost-reasons/<int:pk>/", views.lost_reason_edit, name="lost_reason"),
    path("lost-reasons/<int:pk>/move/", views.lost_reason_move, name="lost_reason_move"),
    path("exchange-rates/", views.rate_list, name="rates"),
    path("exchange-rates/<int:pk>/delete/", views.rate_delete, name="rate_delete"),
]
