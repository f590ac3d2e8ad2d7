"""Builders for API tests: a real token, and a Django test client that sends it."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from sampark.core.models import TokenScope, User
from sampark.core.tokens import issue_token

API = "/api/v1"


def token_for(user: User, scope: TokenScope = TokenScope.READ_WRITE, name: str = "test") -> str:
    _token, raw = issue_token(user, name=name, scope=scope, by=user)
    return raw


class ApiClient(Client):
    """A test client that sends a bearer token and JSON bodies."""

    def __init__(self, raw_token: str | None = None, **kwargs: Any) -> None:
        if raw_token is not None:
            kwargs.setdefault("headers", {})["Authorization"] = f"Bearer {raw_token}"
        super().__init__(**kwargs)

    def post_json(self, path: str, data: Any, **kwargs: Any) -> Any:
        return self.post(path, json.dumps(data), content_type="application/json", **kwargs)

    def patch_json(self, path: str, data: Any, **kwargs: Any) -> Any:
        return self.patch(path, json.dumps(data), content_type="application/json", **kwargs)


def api_client(user: User, scope: TokenScope = TokenScope.READ_WRITE) -> ApiClient:
    return ApiClient(token_for(user, scope))


def if_match(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}
