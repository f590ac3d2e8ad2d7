from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListViewsConfig(AppConfig):
    name = "sampark.listviews"
    label = "listviews"
    verbose_name = _("List views")
