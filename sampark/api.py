"""The REST API at /api/v1: Sampark's API with each domain's router mounted."""

from __future__ import annotations

from sampark.contacts.api import router as contacts
from sampark.contacts.api_companies import router as companies
from sampark.core.api.app import build_api

api = build_api()
api.add_router("/contacts", contacts)
api.add_router("/companies", companies)
