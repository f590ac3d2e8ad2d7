"""The sections of the main navigation, in order: (URL name, label, icon name)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("agenda:day", _("My day"), "calendar"),
    ("contacts:list", _("Contacts"), "users"),
    ("contacts:companies", _("Companies"), "building"),
    ("duplicates:queue", _("Possible duplicates"), "users"),
    ("leads:list", _("Leads"), "inbox"),
    ("sales:home", _("Sales"), "trending-up"),
    ("service:home", _("Service"), "life-buoy"),
    ("marketing:home", _("Marketing"), "megaphone"),
    ("automation:home", _("Automation"), "zap"),
    ("analytics:home", _("Analytics"), "bar-chart"),
]
