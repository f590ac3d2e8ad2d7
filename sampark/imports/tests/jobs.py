"""Making imports in tests: a file's text in, an ``Import`` out, through the real actions."""

from __future__ import annotations

import io
from typing import Any

from sampark.core.models import User
from sampark.imports import actions, engine
from sampark.imports.models import MATCHES, Import
from sampark.imports.targets import ImportObject


def upload(by: User, text: str, *, name: str = "people.csv", obj: str = "contacts") -> Import:
    return actions.create_import(
        by=by, content=io.BytesIO(text.encode("utf-8")), filename=name, obj=obj
    )


def configured(by: User, text: str, **options: Any) -> Import:
    """Uploaded, with the suggested mapping (or ``columns``) and the options given."""
    obj = options.pop("obj", "contacts")
    job = upload(by, text, obj=obj, name=options.pop("name", "people.csv"))
    columns = options.pop("columns", None) or job.mapping
    options.setdefault("match_on", MATCHES[ImportObject(obj)][0])
    return actions.configure(job, by=by, columns=columns, **options)


def imported(by: User, text: str, **options: Any) -> Import:
    """Uploaded, configured and run to the end in this process."""
    return engine.run(configured(by, text, **options))
