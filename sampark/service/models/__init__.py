"""The service desk's models, one module per concept; imported here so Django finds them."""

from sampark.service.models.desk import AgentProfile, Assignment, Availability, Queue
from sampark.service.models.knowledge import (
    Article,
    ArticleQuerySet,
    ArticleRevision,
    ArticleStatus,
    ArticleVisibility,
    ArticleVote,
    KnowledgeCategory,
)
from sampark.service.models.messages import MessageKind, TicketAttachment, TicketMessage
from sampark.service.models.replies import BAD_RATING, CannedResponse, Rating, Satisfaction
from sampark.service.models.sla import BusinessHours, Holiday, SlaPause, SlaPolicy, SlaTarget
from sampark.service.models.tickets import (
    UNSOLVED,
    Category,
    Priority,
    Ticket,
    TicketChannel,
    TicketQuerySet,
    TicketStatus,
)

__all__ = [
    "BAD_RATING",
    "UNSOLVED",
    "AgentProfile",
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "ArticleStatus",
    "ArticleVisibility",
    "ArticleVote",
    "Assignment",
    "Availability",
    "BusinessHours",
    "CannedResponse",
    "Category",
    "Holiday",
    "KnowledgeCategory",
    "MessageKind",
    "Priority",
    "Queue",
    "Rating",
    "Satisfaction",
    "SlaPause",
    "SlaPolicy",
    "SlaTarget",
    "Ticket",
    "TicketAttachment",
    "TicketChannel",
    "TicketMessage",
    "TicketQuerySet",
    "TicketStatus",
]
