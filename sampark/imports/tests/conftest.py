"""Fixtures of the readers' tests: the committed sample files, and workbooks built on demand
(an XLSX is a zip that cannot be reviewed, so none is committed)."""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook

FILES = Path(__file__).resolve().parent / "files"

type MakeXlsx = Callable[..., Path]


@pytest.fixture
def sample_file() -> Callable[[str], Path]:
    """The path of a committed sample file, by name (see the README's list)."""

    def find(name: str) -> Path:
        path = FILES / name
        assert path.is_file(), f"no sample file {name}"
        return path

    return find


@pytest.fixture
def make_xlsx(tmp_path: Path) -> MakeXlsx:
    """A workbook in tmp_path: ``make_xlsx({"Sheet": [[...], ...]}, name=...)``; each sheet's
    rows as lists of cell values (None for an empty cell). Text starting with "=" is stored as
    text, not as a formula; ``formulas`` lists the cells ("C2") to store as formulas."""

    def make(
        sheets: dict[str, Sequence[Sequence[Any]]],
        name: str = "book.xlsx",
        formulas: Sequence[str] = (),
    ) -> Path:
        workbook = Workbook()
        workbook.remove(workbook.active)  # type: ignore[arg-type]
        for title, rows in sheets.items():
            worksheet = workbook.create_sheet(title)
            for row in rows:
                worksheet.append(list(row))
            for cells in worksheet.iter_rows():
                for cell in cells:
                    if cell.data_type == "f" and cell.coordinate not in formulas:
                        cell.data_type = "s"
        path = tmp_path / name
        workbook.save(path)
        return path

    return make


@pytest.fixture
def contacts_xlsx(make_xlsx: MakeXlsx) -> Path:
    """A contacts sheet as people make them: typed cells, an empty row, a second sheet."""
    return make_xlsx(
        {
            "Contacts": [
                [" Full Name ", "Email", "Phone", "Born", "Last call", "Active", "Score"],
                [
                    "রহিম উদ্দিন",
                    "rahim@example.com",
                    8801711000001,
                    datetime.date(1980, 5, 17),
                    datetime.datetime(2024, 3, 2, 14, 10, 5),  # noqa: DTZ001 -- cells hold naive times
                    True,
                    12.5,
                ],
                [None, None, None, None, None, None, None],
                ["प्रबंधन ग्राहक", "prabandhan@example.in", "+91 98765 43210", None, None, False, 7.0],
                ["=1+1", "@SUM(A1:A2)", "-5", "+8801711000002", None, None, None],
            ],
            "Notes": [["Ignored"], ["by default"]],
        }
    )


def rewrite_part(path: Path, part: str, change: Callable[[str], str]) -> None:
    """Change one XML part of a workbook, to make it as other writers (or damage) leave it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = change(parts[part].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


@pytest.fixture
def rewrite_sheet() -> Callable[[Path, Callable[[str], str]], None]:
    """Change the first sheet's XML: ``rewrite_sheet(path, lambda xml: ...)``."""

    def rewrite(path: Path, change: Callable[[str], str]) -> None:
        rewrite_part(path, "xl/worksheets/sheet1.xml", change)

    return rewrite


@pytest.fixture
def redeclare(rewrite_sheet: Callable[..., None]) -> Callable[[Path, str], None]:
    """Make the first sheet declare another dimension, as some writers get it wrong."""

    def declare(path: Path, ref: str) -> None:
        rewrite_sheet(
            path, lambda xml: re.sub(r"<dimension [^>]*/>", f'<dimension ref="{ref}"/>', xml)
        )

    return declare


@pytest.fixture(autouse=True)
def _uploads_and_messages(settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Uploaded files in the test's own folder; messages in English (the ones asserted),
    whatever language an earlier test left on."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def tasks_run_at_once(settings) -> None:  # type: ignore[no-untyped-def]
    """Tasks run as they are enqueued, in the test's process (no worker)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
