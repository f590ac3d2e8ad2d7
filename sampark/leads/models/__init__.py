"""The leads app's models, one module per concept; imported here so Django finds them."""

from sampark.leads.models.activities import LeadActivity
from sampark.leads.models.leads import (
    Lead,
    LeadQuerySet,
    LeadSource,
    LeadStatus,
    Timeline,
)
from sampark.leads.models.visits import VISITOR_ID, Visit
from sampark.leads.models.web_forms import FormField, WebForm, WebFormQuerySet, origin_of

__all__ = [
    "VISITOR_ID",
    "FormField",
    "Lead",
    "LeadActivity",
    "LeadQuerySet",
    "LeadSource",
    "LeadStatus",
    "Timeline",
    "Visit",
    "WebForm",
    "WebFormQuerySet",
    "origin_of",
]
