"""Shared pytest setup: personas for the permission tests and the CI rule that nothing skips."""

from __future__ import annotations

import os

import pytest

from sampark.core.roles import Role

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Fixtures that start real servers: `redis_url`, and `scratch_site` (a migrated Sampark of its own);
# mail: `imap_account`, `flaky_proxy`, `smtp_server`, `smtp_login_server` and `smtp_settings`.
pytest_plugins = ["sampark.core.tests.servers", "sampark.core.tests.mail_servers"]


@pytest.fixture(scope="session", autouse=True)
def _cache_in_memory():  # type: ignore[no-untyped-def]
    """Tests get a cache of their own, not the files of the data directory a running Sampark
    may be using."""
    from django.test.utils import override_settings

    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=memory):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_default_pipeline():  # type: ignore[no-untyped-def]
    """The test database is migrated without the default sales pipeline (sales/defaults.py):
    each test makes the pipelines it is about. Autouse, so it is in force before the test
    database is made."""
    from django.test.utils import override_settings

    with override_settings(SAMPARK_DEFAULT_PIPELINE=False):
        yield


@pytest.fixture(scope="session", autouse=True)
def _readers_never_wait():  # type: ignore[no-untyped-def]
    """A running Sampark keeps SQLite in WAL mode, where a reader never waits for a writer. The
    test database lives in memory with a shared cache instead, whose table locks fail a read in
    one thread ("database table is locked") while another thread holds a transaction open, as a
    socket test's worker thread can. Reading uncommitted gives the test connections WAL's
    never-wait (and no test relies on not seeing another thread's unfinished write)."""
    from django.db.backends.signals import connection_created

    def read_uncommitted(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.connection.execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(read_uncommitted)
    yield
    connection_created.disconnect(read_uncommitted)


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache, as its database starts empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """Each test starts in the site's language: a page a test fetched as a Bengali user leaves
    Bengali active on the thread (the locale middleware does not put it back)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    # Real hashing costs ~0.3 s per user on this hardware; the tests are not about its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def teams(db):  # type: ignore[no-untyped-def]
    from sampark.core.tests.factories import TeamFactory

    return TeamFactory(name="Dhaka desk"), TeamFactory(name="Mumbai desk")


@pytest.fixture
def people(teams):  # type: ignore[no-untyped-def]
    """One of each role in the Dhaka desk, plus an agent of the Mumbai desk."""
    from sampark.core.tests.factories import make_user

    dhaka, mumbai = teams
    return {
        "admin": make_user(Role.ADMIN, username="admin"),
        "manager": make_user(Role.MANAGER, dhaka, username="manager"),
        "agent": make_user(Role.AGENT, dhaka, username="agent"),
        "colleague": make_user(Role.AGENT, dhaka, username="colleague"),
        "reader": make_user(Role.READ_ONLY, dhaka, username="reader"),
        "outsider": make_user(Role.AGENT, mumbai, username="outsider"),
    }


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    skipped = terminalreporter.stats.get("skipped", [])
    if CI and skipped:
        terminalreporter.write_line(
            f"CI forbids skipped tests, and {len(skipped)} were skipped.", red=True
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if CI and reporter and reporter.stats.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
