"""The in-process channel layer live chat uses by default, made to scale to a thousand sockets.

Channels' ``InMemoryChannelLayer`` looks through every channel's queue and every group for what
has expired on each ``receive`` and ``group_send``: with a thousand sockets that walk is most of
the event loop's time. Expiry is measured in a minute (messages) and a day (group membership),
so looking once a second is as good and costs next to nothing.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer

SWEEP_EVERY_SECONDS = 1.0


class MemoryLayer(InMemoryChannelLayer):
    _swept_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._swept_at >= SWEEP_EVERY_SECONDS:
            self._swept_at = now
            super()._clean_expired()  # type: ignore[misc]  # not in the type stubs
