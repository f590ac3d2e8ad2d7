from sampark.marketing.models.consent import (
    Channel,
    Consent,
    ConsentEvent,
    ConsentSource,
    ConsentStatus,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.models.segments import Segment, SegmentKind, SegmentMember
from sampark.marketing.models.templates import EmailTemplate, Sender, TemplateVariant

__all__ = [
    "Channel",
    "Consent",
    "ConsentEvent",
    "ConsentSource",
    "ConsentStatus",
    "EmailTemplate",
    "Segment",
    "SegmentKind",
    "SegmentMember",
    "Sender",
    "Suppression",
    "SuppressionReason",
    "TemplateVariant",
]
