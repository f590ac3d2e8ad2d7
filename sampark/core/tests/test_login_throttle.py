"""Password guessing is slowed down without locking the real user out from elsewhere."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from sampark.core.login_throttle import MAX_FAILURES
from sampark.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, address="203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_after_too_many_failures_even_the_right_password_is_refused_for_a_while(client, people):  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILURES):
        assert sign_in(client, "agent", "wrong guess").status_code == 200
    blocked = sign_in(client, "agent", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many failed sign-in attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_user_can_still_sign_in_from_another_address(client, people):  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILURES):
        sign_in(client, "agent", "wrong guess")
    assert sign_in(client, "agent", PASSWORD, address="198.51.100.2").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, people):  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, "agent", "wrong guess")
    assert sign_in(client, "agent", PASSWORD).status_code == 302
    client.logout()
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, "agent", "wrong guess")
    assert sign_in(client, "agent", PASSWORD).status_code == 302
