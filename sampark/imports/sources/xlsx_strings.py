"""A workbook's shared strings without holding them all in memory.

An XLSX keeps each distinct text once, in xl/sharedStrings.xml, and cells refer to it by
number. openpyxl loads that table whole as Python strings, even in read-only mode: some 150
bytes a string, so a million-row export of names and emails would take gigabytes. A large
table is written instead to a temporary file as UTF-8, with only its offsets in memory (8 bytes a
string); cells read theirs back with one pread.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from typing import IO, overload
from xml.etree.ElementTree import iterparse

from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

# A table whose XML is smaller than this is simply kept in memory.
IN_MEMORY_BYTES = 16 * 1024 * 1024

_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"


class StringsOnDisk(Sequence[str]):
    def __init__(self, texts: Iterator[str]) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close()
        self._offsets = array("Q", [0])
        write, end = self._file.write, 0
        for text in texts:
            end += write(text.encode("utf-8", "surrogatepass"))
            self._offsets.append(end)
        self._file.flush()
        self._fd = self._file.fileno()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        start, end = self._offsets[index], self._offsets[index + 1]
        return os.pread(self._fd, end - start, start).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()


class StreamingReader(ExcelReader):
    """openpyxl's reader, with the shared strings read by ``shared_strings``."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is None:
            return
        name = part.PartName[1:]
        with self.archive.open(name) as source:
            texts = shared_strings(source)
            if self.archive.getinfo(name).file_size < IN_MEMORY_BYTES:
                self.shared_strings = list(texts)
            else:
                # Typed as a list, but openpyxl only ever indexes it.
                self.shared_strings = StringsOnDisk(texts)  # type: ignore[assignment]


def shared_strings(source: IO[bytes]) -> Iterator[str]:
    """Each <si>'s text: its own <t>, or the <t> of each rich-text run (phonetic guides, <rPh>,
    left out), as openpyxl reads them."""
    root = None
    # The parser openpyxl reads the rest of the workbook with: ElementTree resolves no external
    # entities, and expat (>= 2.4.1) caps entity expansion ("billion laughs").
    for event, element in iterparse(source, events=("start", "end")):  # noqa: S314
        if root is None:
            root = element
        if event != "end" or element.tag != _SI:
            continue
        parts = []
        for child in element:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag == _R:
                parts.extend(t.text or "" for t in child.iter(_T))
        yield "".join(parts).replace("x005F_", "")
        # Cleared elements stay attached to the root: let go of them as well.
        root.clear()
