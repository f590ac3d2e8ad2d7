"""The catalogue and deals' line items, part of the sales URLconf (namespace ``sales``)."""

from __future__ import annotations

from django.urls import path

from sampark.sales import views_lines, views_products

urlpatterns = [
    path("products/", views_products.product_list, name="products"),
    path("products/new/", views_products.product_create, name="product_create"),
    path("products/<int:pk>/", views_products.product_detail, name="product"),
    path("products/<int:pk>/edit/", views_products.product_edit, name="product_edit"),
    # A fragment the deal page loads (hx-trigger="load"); without script, a page of its own.
    path("deals/<int:pk>/lines/", views_lines.deal_lines, name="deal_lines"),
    path("deals/<int:pk>/lines/edit/", views_lines.deal_lines_edit, name="deal_lines_edit"),
    path("deals/<int:pk>/lines/fill/", views_lines.deal_line_fill, name="deal_line_fill"),
]
