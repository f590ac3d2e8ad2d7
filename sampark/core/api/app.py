"""The REST API at /api/v1: one NinjaAPI, routers contributed by each domain."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="Sampark API", version="1", urls_namespace="api")
