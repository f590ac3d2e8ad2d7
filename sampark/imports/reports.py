"""What an import tells its user: the rows it rejected, as a file to fix and upload again.

The error file has the rejected rows as they were read, under the file's own column names, so
fixing them in a spreadsheet and importing the file again needs no new mapping; a "Row" column
in front says where each came from, and an "Errors" column at the end says what is wrong, field
by field. Duplicates are listed too: nothing leaves the file without a word. Cells that a
spreadsheet would run as formulas are made inert, as in every export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from sampark.exports.cells import inert
from sampark.imports.models import Import, ImportProblem
from sampark.imports.targets import by_key


def describe(job: Import, errors: dict[str, list[str]]) -> str:
    """The problems of one row as one line: "Email: … ; Phone: …"."""
    targets = by_key(job.object)
    parts = []
    for key, messages in errors.items():
        text = " ".join(str(message) for message in messages)
        label = targets[key].label if key in targets else key
        parts.append(f"{label}: {text}" if key else text)
    return "; ".join(parts)


def error_rows(job: Import) -> Iterator[list[str]]:
    """The header, then each rejected or duplicate row, in file order, read in batches."""
    columns = list(job.columns)
    yield [_("Row"), *columns, _("Errors")]
    problems = ImportProblem.objects.filter(job=job).order_by("row", "id")
    for problem in problems.iterator(chunk_size=2000):
        values = [str(problem.values.get(column, "")) for column in columns]
        yield [str(problem.row), *values, describe(job, problem.errors)]


def error_csv(job: Import) -> Iterator[str]:
    """The error file as CSV text, chunk by chunk (UTF-8 with a BOM, as spreadsheets want)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in error_rows(job):
        writer.writerow([inert(cell) for cell in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
