"""Which ``@names`` in a comment are mentions, and whom they resolve to."""

from __future__ import annotations

import pytest

from sampark.collab.mentions import mentioned_names, resolve
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("@rahim please call", ["rahim"]),
        ("Thanks, @rahim.", ["rahim"]),
        ("ask @rahim, @karim; and @nusrat!", ["rahim", "karim", "nusrat"]),
        ("(cc @rahim)", ["rahim"]),
        ("@rahim's client", ["rahim"]),
        ("@Rahim and @rahim again", ["rahim"]),
        ("@meera.nair-2 joined", ["meera.nair-2"]),
        ("write to rahim@example.com", []),
        ("see https://example.com/@rahim", []),
        ("an @ alone, and @@rahim", []),
        ("email@rahim", []),
    ],
)
def test_names_are_found_where_people_write_them(body, names):  # type: ignore[no-untyped-def]
    assert mentioned_names(body) == names


@pytest.mark.django_db
def test_only_existing_active_users_are_resolved_whatever_the_case():
    rahim = make_user(Role.AGENT, username="rahim")
    make_user(Role.AGENT, username="gone", is_active=False)

    assert resolve("@RAHIM, @gone and @nobody") == [rahim]


@pytest.mark.django_db
def test_a_body_without_mentions_runs_no_query(django_assert_num_queries):  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert resolve("nothing to see, mail me at a@b.com") == []
