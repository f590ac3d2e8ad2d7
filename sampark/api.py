"""The REST API at /api/v1: Sampark's API with each domain's router mounted."""

from __future__ import annotations

from sampark.agenda.api import router as agenda
from sampark.collab.api import router as collab
from sampark.contacts.api import router as contacts
from sampark.contacts.api_activities import router as activities
from sampark.contacts.api_attachments import router as attachments
from sampark.contacts.api_companies import router as companies
from sampark.contacts.api_search import router as search
from sampark.contacts.api_transactions import router as transactions
from sampark.core.api.app import build_api
from sampark.customfields.api import router as custom_fields
from sampark.duplicates.api import router as duplicates
from sampark.exports.api import router as exports
from sampark.imports.api import router as imports
from sampark.leads.api import router as leads
from sampark.listviews.api import router as saved_views
from sampark.marketing.api import router as segments
from sampark.marketing.api_consent import router as consent
from sampark.marketing.api_consent import suppressions
from sampark.sales.api_catalog import router as catalog
from sampark.sales.api_deals import router as deals
from sampark.sales.api_forecast import router as forecasts
from sampark.scoring.api import router as scoring
from sampark.service.api import router as tickets
from sampark.service.api_knowledge import router as knowledge
from sampark.service.api_satisfaction import router as satisfaction
from sampark.service.api_sla import router as sla

api = build_api()
api.add_router("/contacts", contacts)
api.add_router("/companies", companies)
api.add_router("/search", search)
api.add_router("/custom-fields", custom_fields)
api.add_router("/imports", imports)
api.add_router("/leads", leads)
api.add_router("/scoring", scoring)  # /scoring/model, /scoring/retrain
api.add_router("/segments", segments)  # /segments[/{id}[/count|members]], /segments/fields
api.add_router("/consent", consent)  # /consent/contacts/{id}[/history|opt-in]
api.add_router("/suppressions", suppressions)  # /suppressions[/{id}]
api.add_router("", activities)  # /activities, /contacts/{id}/timeline, /companies/{id}/timeline
api.add_router("", attachments)  # /activities/{id}/attachments, /attachments/{id}[/content]
api.add_router("", transactions)  # /transactions, /contacts/{id}/figures
api.add_router("", collab)  # /comments, /follows/{target}, /notifications
api.add_router("", agenda)  # /tasks, /contacts/{id}/tasks, /contacts/{id}/slots
api.add_router("", saved_views)  # /saved-views, /saved-views/{id}
api.add_router("", duplicates)  # /duplicates, /contacts/merge, /companies/merge, /merges/{id}
api.add_router("", exports)  # /contacts/export, /companies/export, /contacts/{id}/export
api.add_router("", forecasts)  # /forecast
api.add_router("", deals)  # /deals, /deals/{id}[/move|win|lose|reopen], /pipelines
api.add_router("", catalog)  # /products, /exchange-rates, /deals/{id}/lines
api.add_router("", sla)  # /sla-policies, /sla-policies/{id}, /business-hours
api.add_router("", tickets)  # /tickets, /tickets/{id}[/messages|assign|merge], /ticket-categories
api.add_router("", satisfaction)  # /satisfaction, /satisfaction/summary
api.add_router("/kb", knowledge)  # /kb/articles[/{id}], /kb/categories[/{id}]
