"""The committed sample files are what files/generate.py writes, so they can be rebuilt."""

from __future__ import annotations

import importlib.util

from sampark.imports.tests.conftest import FILES


def test_generated_sample_files_are_up_to_date():
    spec = importlib.util.spec_from_file_location("generate", FILES / "generate.py")
    assert spec
    assert spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    stale = [
        name for name, content in generate.files().items() if (FILES / name).read_bytes() != content
    ]
    assert not stale, f"run files/generate.py: {stale}"
