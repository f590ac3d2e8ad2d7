"""The site's addresses with a mail provider's webhooks, as they are when one is set up
(``ANYMAIL_WEBHOOK_SECRET``; see sampark/urls.py)."""

from __future__ import annotations

from django.urls import include, path

from sampark.urls import urlpatterns as site

urlpatterns = [*site, path("anymail/", include("anymail.urls"))]
