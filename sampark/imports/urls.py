from __future__ import annotations

from django.urls import path

from sampark.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/undo/", views.import_undo, name="undo"),
    path("<int:pk>/resume/", views.import_resume, name="resume"),
    path("<int:pk>/errors.csv", views.import_errors, name="errors"),
]
