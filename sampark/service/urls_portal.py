"""The client's side of the service desk, at /support/ (namespace ``portal``): the public
ticket form, the customer portal, and the satisfaction survey's links. No staff sign-in here."""

from __future__ import annotations

from django.urls import path

from sampark.service import views_portal, views_rating, views_web_form

app_name = "portal"
urlpatterns = [
    path("", views_portal.home, name="home"),
    path("new/", views_web_form.ticket_form, name="new_ticket_form"),
    path("new/stamp/", views_web_form.ticket_form_stamp, name="new_ticket_form_stamp"),
    path("sign-in/", views_portal.sign_in, name="sign_in"),
    path("sign-in/sent/", views_portal.sign_in_sent, name="sign_in_sent"),
    path("sign-in/<str:token>/", views_portal.sign_in_link, name="sign_in_link"),
    path("sign-out/", views_portal.sign_out, name="sign_out"),
    path("language/", views_portal.set_language, name="language"),
    path("tickets/new/", views_portal.new_ticket, name="new_ticket"),
    path("tickets/<int:pk>/", views_portal.ticket_page, name="ticket"),
    path("tickets/<int:pk>/answer/", views_portal.answer, name="answer"),
    path("tickets/<int:pk>/rate/", views_portal.rate_ticket, name="rate_ticket"),
    path("files/<int:pk>/", views_portal.attachment, name="attachment"),
    # csat.RATE_PATH: survey mails are told by these links.
    path("rate/<str:token>/", views_rating.rate_comment, name="rate_comment"),
    path("rate/<str:token>/<int:rating>/", views_rating.rate, name="rate"),
]
