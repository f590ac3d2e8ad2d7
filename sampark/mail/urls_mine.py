from __future__ import annotations

from django.urls import path

from sampark.mail import views_mine

app_name = "my_mail"
urlpatterns = [
    path("", views_mine.my_mail, name="settings"),
    path("summary/", views_mine.my_mail_summary, name="summary"),
    path("check/", views_mine.my_mail_check, name="check"),
    path("remove/", views_mine.my_mail_delete, name="delete"),
]
