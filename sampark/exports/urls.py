from __future__ import annotations

from django.urls import path

from sampark.exports import views
from sampark.exports.models import ExportKind

app_name = "exports"

urlpatterns = [
    path("contacts/", views.list_export, {"kind": ExportKind.CONTACTS}, name="contacts"),
    path("companies/", views.list_export, {"kind": ExportKind.COMPANIES}, name="companies"),
    path("contacts/<int:pk>/data/", views.contact_data, name="contact_data"),
]
