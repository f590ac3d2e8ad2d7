"""Purchases and trading addresses, part of the contacts URLconf (namespace ``contacts``)."""

from __future__ import annotations

from django.urls import path

from sampark.contacts import views_transactions

urlpatterns = [
    path(
        "contacts/<int:pk>/transactions/",
        views_transactions.contact_transactions,
        name="contact_transactions",
    ),
    path(
        "contacts/<int:pk>/transactions/record/",
        views_transactions.contact_record_transaction,
        name="contact_record_transaction",
    ),
]
