"""Background tasks of the collab app. They take no model instances and are idempotent."""

from __future__ import annotations

from django.tasks import task

from sampark.collab import digest


@task
def send_email_digests() -> int:
    """The email digests now due (run hourly by ``sampark.core.periodic``); how many were sent.

    Running it twice in a row sends nothing the second time: sent notifications are marked.
    """
    return digest.send_digests()
