"""Ship the starter segments (new clients, experienced traders, high- and low-risk takers,
dormant, VIP): ordinary segments with no owner, which admins and managers may change."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import translation


def add_starters(apps: Any, schema_editor: Any) -> None:
    from sampark.marketing.starters import STARTERS

    Segment = apps.get_model("marketing", "Segment")
    have = set(Segment.objects.exclude(starter="").values_list("starter", flat=True))
    with translation.override("en"):
        for key, starter in STARTERS.items():
            name = str(starter.name)
            if key in have or Segment.objects.filter(name__iexact=name).exists():
                continue
            Segment.objects.create(
                name=name, description=str(starter.description), rules=starter.rules, starter=key
            )


def remove_starters(apps: Any, schema_editor: Any) -> None:
    apps.get_model("marketing", "Segment").objects.exclude(starter="").delete()


class Migration(migrations.Migration):
    dependencies = [("marketing", "0001_segments")]

    operations = [migrations.RunPython(add_starters, remove_starters)]
