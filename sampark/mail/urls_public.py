"""Addresses followed from recipients' mail programs, with no sign-in (see tracking.py)."""

from __future__ import annotations

from django.urls import path

from sampark.mail import tracking

urlpatterns = [
    path("o/<str:token>.gif", tracking.mail_open, name="mail_open"),
    path("c/<str:signed>/", tracking.mail_click, name="mail_click"),
]
