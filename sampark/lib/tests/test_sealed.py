"""Secrets sealed at rest: readable back, still readable after the secret key rotates, and
refused (not garbled) under a key the site no longer has."""

from __future__ import annotations

import pytest

from sampark.lib.sealed import Unreadable, seal, unseal


def test_a_sealed_secret_reads_back_and_does_not_show_in_the_stored_text(settings) -> None:  # type: ignore[no-untyped-def]
    token = seal("পাসওয়ার্ড-123")

    assert "123" not in token
    assert unseal(token) == "পাসওয়ার্ড-123"
    assert seal("same") != seal("same")  # a fresh nonce each time


def test_a_rotated_secret_key_still_opens_what_the_old_one_sealed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECRET_KEY = "old-key-" + "x" * 50
    token = seal("imap password")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = (
        "new-key-" + "y" * 50,
        [settings.SECRET_KEY],
    )

    assert unseal(token) == "imap password"


def test_a_key_the_site_no_longer_has_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    token = seal("imap password")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "another-key-" + "z" * 50, []

    with pytest.raises(Unreadable):
        unseal(token)
    with pytest.raises(Unreadable):
        unseal("not a token at all")
