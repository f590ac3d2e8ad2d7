"""The public web form addresses, outside any namespace: ``/f/<token>/`` and its stamp."""

from __future__ import annotations

from django.urls import path

from sampark.leads import views_public

urlpatterns = [
    path("<str:token>/", views_public.web_form_page, name="web_form_page"),
    path("<str:token>/stamp/", views_public.web_form_stamp, name="web_form_stamp"),
]
