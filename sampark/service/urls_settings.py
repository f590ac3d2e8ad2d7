"""Settings → Service (namespace ``service_settings``), mounted at /settings/service/."""

from __future__ import annotations

from django.urls import path

from sampark.service import views_settings as views

app_name = "service_settings"
urlpatterns = [
    path("", views.policy_list, name="policies"),
    path("policies/new/", views.policy_edit, name="policy_create"),
    path("policies/<int:pk>/", views.policy_edit, name="policy"),
    path("policies/<int:pk>/delete/", views.policy_delete, name="policy_delete"),
    path("hours/", views.hours_list, name="hours_list"),
    path("hours/new/", views.hours_edit, name="hours_create"),
    path("hours/<int:pk>/", views.hours_edit, name="hours"),
    path("hours/<int:pk>/days-off/", views.day_off_add, name="day_off_add"),
    path(
        "hours/<int:pk>/days-off/<int:day_pk>/delete/", views.day_off_remove, name="day_off_remove"
    ),
    path("queues/", views.queue_list, name="queues"),
    path("queues/<int:team_pk>/", views.queue_edit, name="queue"),
    path("agents/", views.agent_list, name="agents"),
    path("agents/<int:user_pk>/", views.agent_edit, name="agent"),
    path("categories/", views.categories, name="categories"),
    path("categories/<int:pk>/", views.categories, name="category"),
    path("availability/", views.my_availability, name="my_availability"),
]
