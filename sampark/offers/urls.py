from __future__ import annotations

from django.urls import path

from sampark.offers import views

app_name = "offers"
urlpatterns = [
    path("contacts/<int:pk>/offers/", views.contact_offers, name="contact_offers"),
]
