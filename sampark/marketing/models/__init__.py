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

__all__ = [
    "Channel",
    "Consent",
    "ConsentEvent",
    "ConsentSource",
    "ConsentStatus",
    "Segment",
    "SegmentKind",
    "SegmentMember",
    "Suppression",
    "SuppressionReason",
]
