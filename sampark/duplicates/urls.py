from __future__ import annotations

from django.urls import path

from sampark.duplicates import views

app_name = "duplicates"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<str:kind>/merge/", views.merge, name="merge"),
    path("merges/<int:pk>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:pk>/undo/", views.undo, name="undo"),
    path("check/contact/", views.check_contact, name="check_contact"),
]
