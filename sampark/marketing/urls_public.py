from __future__ import annotations

from django.urls import path

from sampark.marketing import views_public, views_surveys_public

app_name = "marketing_public"
urlpatterns = [
    path("<str:token>/", views_public.preferences, name="preferences"),
    path("<str:token>/unsubscribe/<str:channel>/", views_public.unsubscribe, name="unsubscribe"),
    path("confirm/<str:token>/", views_public.confirm, name="confirm"),
    path("survey/<str:token>/", views_surveys_public.answer, name="survey"),
]
