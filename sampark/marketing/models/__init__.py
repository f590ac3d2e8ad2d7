from sampark.marketing.models.campaigns import (
    Arm,
    Campaign,
    CampaignEvent,
    CampaignStatus,
    Metric,
    Recipient,
    RecipientState,
)
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
from sampark.marketing.models.surveys import (
    InvitationSource,
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyKind,
)
from sampark.marketing.models.templates import EmailTemplate, Sender, TemplateVariant

__all__ = [
    "Arm",
    "Campaign",
    "CampaignEvent",
    "CampaignStatus",
    "Channel",
    "Consent",
    "ConsentEvent",
    "ConsentSource",
    "ConsentStatus",
    "EmailTemplate",
    "InvitationSource",
    "Metric",
    "Question",
    "QuestionKind",
    "Recipient",
    "RecipientState",
    "Segment",
    "SegmentKind",
    "SegmentMember",
    "Sender",
    "Suppression",
    "SuppressionReason",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyKind",
    "TemplateVariant",
]
