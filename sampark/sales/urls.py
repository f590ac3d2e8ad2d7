from __future__ import annotations

from django.urls import path

from sampark.sales import (
    views_board,
    views_deal_sections,
    views_deal_status,
    views_deals,
    views_forecast,
)
from sampark.sales.urls_catalog import urlpatterns as catalog_urls

app_name = "sales"
urlpatterns = [
    # The board of the first active pipeline is the sales home.
    path("", views_board.board_home, name="home"),
    path("pipelines/<int:pk>/board/", views_board.board, name="board"),
    path(
        "pipelines/<int:pk>/board/stages/<int:stage_pk>/",
        views_board.board_column,
        name="board_column",
    ),
    path("deals/", views_deals.deal_list, name="deals"),
    path("deals/new/", views_deals.deal_create, name="deal_create"),
    path("deals/<int:pk>/", views_deals.deal_detail, name="deal_detail"),
    path("deals/<int:pk>/edit/", views_deals.deal_edit, name="deal_edit"),
    path("deals/<int:pk>/delete/", views_deals.deal_delete, name="deal_delete"),
    path("deals/<int:pk>/history/", views_deals.deal_history, name="deal_history"),
    path("deals/<int:pk>/move/", views_board.deal_move, name="deal_move"),
    path("deals/<int:pk>/win/", views_deal_status.deal_win, name="deal_win"),
    path("deals/<int:pk>/lose/", views_deal_status.deal_lose, name="deal_lose"),
    path("deals/<int:pk>/reopen/", views_deal_status.deal_reopen, name="deal_reopen"),
    path("contacts/<int:pk>/deals/", views_deal_sections.contact_deals, name="contact_deals"),
    path("companies/<int:pk>/deals/", views_deal_sections.company_deals, name="company_deals"),
    path("pickers/contacts/", views_deals.contact_options, name="contact_options"),
    path("pickers/companies/", views_deals.company_options, name="company_options"),
    path("forecast/", views_forecast.forecast_page, name="forecast"),
    *catalog_urls,  # /products/…, /deals/<id>/lines/…
]
