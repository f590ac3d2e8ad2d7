from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo workspace. It sits above every domain, so it may use all of them."""

    name = "sampark.demo"
    label = "demo"
