from __future__ import annotations


class BackupError(Exception):
    """A backup cannot be made or restored; the message is one line meant for the user."""
