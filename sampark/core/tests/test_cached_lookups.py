"""Cached lookups: read once per generation, and once per ``held`` block for bulk work."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sampark.core import cached

pytestmark = pytest.mark.django_db


def counting_build(value: str) -> tuple[dict[str, int], Callable[[], str]]:
    calls = {"n": 0}

    def build() -> str:
        calls["n"] += 1
        return f"{value}{calls['n']}"

    return calls, build


def test_an_invalidated_lookup_is_built_again():
    calls, build = counting_build("v")
    assert cached.lookup("test-gen", "scope", build) == "v1"
    assert cached.lookup("test-gen", "scope", build) == "v1"
    cached.invalidate("test-gen")
    assert cached.lookup("test-gen", "scope", build) == "v2"
    assert calls["n"] == 2


def test_a_held_lookup_reads_the_cache_once(monkeypatch):
    calls, build = counting_build("v")
    reads = {"n": 0}
    real_get = cached.cache.get

    def get(key, default=None):  # type: ignore[no-untyped-def]
        reads["n"] += 1
        return real_get(key, default)

    monkeypatch.setattr(cached.cache, "get", get)
    with cached.held():
        for _ in range(50):
            assert cached.lookup("test-held", "scope", build) == "v1"
    assert reads["n"] == 2  # the generation and the value, once
    assert calls["n"] == 1


def test_invalidating_inside_a_held_block_is_seen_at_once():
    calls, build = counting_build("v")
    with cached.held():
        assert cached.lookup("test-held-2", "scope", build) == "v1"
        cached.invalidate("test-held-2")
        assert cached.lookup("test-held-2", "scope", build) == "v2"
    assert calls["n"] == 2
