from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from sampark.core.navigation import SECTIONS


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the site shell (base.html) needs on every page."""
    path = request.path
    sections = []
    for url_name, label, icon in SECTIONS:
        url = reverse(url_name)
        sections.append({"url": url, "label": label, "icon": icon, "active": path.startswith(url)})
    return {"nav_sections": sections, "languages": settings.LANGUAGES}
