"""The secret key lives in the data directory, created on first start, never in the repository."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    try:
        # O_EXCL makes two processes starting at once agree on one key: the loser reads the winner's.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        key = secrets.token_urlsafe(64)
        file.write(key)
    return key
