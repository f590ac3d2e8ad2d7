"""The Bengali and Hindi catalogs translate every string the code and templates ship."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ["bn", "hi"]


def catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Run makemessages on a copy of the source, as a developer would, and collect its msgids."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path_factory.mktemp("source") / "sampark"
    shutil.copytree(ROOT / "sampark", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    for locale in LOCALES:
        (copy / "locale" / locale / "LC_MESSAGES" / "django.po").unlink()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            *[arg for x in LOCALES for arg in ("-l", x)],
            "--no-location",
            "--verbosity",
            "0",
        ],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "", "PATH": "/usr/bin:/bin"},
    )
    return {
        locale: {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog(copy / "locale" / locale / "LC_MESSAGES" / "django.po")
            if m.id
        }
        for locale in LOCALES
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_is_translated_and_none_is_fuzzy(locale):  # type: ignore[no-untyped-def]
    messages = [
        m
        for m in catalog(ROOT / "sampark" / "locale" / locale / "LC_MESSAGES" / "django.po")
        if m.id
    ]
    untranslated = [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{locale}: untranslated: {untranslated}"
    assert not fuzzy, f"{locale}: fuzzy: {fuzzy}"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_holds_every_string_in_the_source(locale, extracted):  # type: ignore[no-untyped-def]
    committed = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog(ROOT / "sampark" / "locale" / locale / "LC_MESSAGES" / "django.po")
        if m.id
    }
    missing = sorted(extracted[locale] - committed)
    assert not missing, f"{locale}: run `make translations` and translate: {missing}"
