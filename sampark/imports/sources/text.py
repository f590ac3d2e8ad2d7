"""Text files read safely: their encoding found, undecodable bytes marked on the line that holds
them, and lines of any length read in bounded memory.

The encoding is the one chosen, else the byte-order mark's, else UTF-16 if zero bytes on one
side say so, else UTF-8 if the start of the file is valid UTF-8 (or nearly: a damaged byte
spoils its row, not the file), else charset-normalizer's guess — Windows-1252 whenever that
reads the same, since short Western samples fit a dozen single-byte code pages equally well and
1252 is the one Excel and Outlook write.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from charset_normalizer import from_bytes
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.imports.sources.base import SourceError

# How much of the file's start decides its encoding and delimiter.
SAMPLE_BYTES = 64 * 1024
# A longer line is not read whole (it would have to be held in memory): its row is reported.
LINE_LIMIT = 1024 * 1024

# Undecodable bytes become this lone surrogate, which no decoder produces from valid input, so
# a line holding it is known to be damaged; it is shown as U+FFFD in the values.
_MARK = "\udcff"
_ERRORS = "sampark-imports-mark"


def _mark(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeDecodeError):
        return _MARK, error.end
    raise error


codecs.register_error(_ERRORS, _mark)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BOM_STARTS = tuple(bom for bom, _encoding in _BOMS)

# The encodings offered when the guess is wrong: Python's codec name and what people call it.
ENCODINGS = (
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252 (Western European)"),
    ("iso8859-15", "ISO-8859-15 (Western European)"),
    ("cp1250", "Windows-1250 (Central European)"),
    ("cp1251", "Windows-1251 (Cyrillic)"),
    ("cp1256", "Windows-1256 (Arabic)"),
    ("mac-roman", "Mac OS Roman"),
    ("shift_jis", "Shift JIS (Japanese)"),
    ("gb18030", "GB18030 (Chinese)"),
    ("big5", "Big5 (Traditional Chinese)"),
    ("euc-kr", "EUC-KR (Korean)"),
)


UNKNOWN_ENCODING = _("Sampark does not know the encoding you chose.")


class LineTooLong(Exception):
    """A line or a record longer than LINE_LIMIT characters; it was skipped to its end."""


def read_sample(path: Path) -> tuple[bytes, bool]:
    """The file's first SAMPLE_BYTES, and whether that is the whole file."""
    try:
        with path.open("rb") as file:
            sample = file.read(SAMPLE_BYTES + 1)
    except OSError as error:
        raise SourceError(_("The file could not be opened.")) from error
    return sample[:SAMPLE_BYTES], len(sample) <= SAMPLE_BYTES


def choose_encoding(sample: bytes, whole: bool, chosen: str | None) -> str:
    """The encoding to read the file with, by its Python codec name."""
    if chosen:
        encoding = codec_name(chosen)
        # Python's UTF-16 and UTF-32 need the mark to know the byte order; without one, guess.
        if not sample.startswith(_BOM_STARTS):
            if encoding == "utf-16":
                encoding = _utf16_by_zeros(sample) or "utf-16-le"
            elif encoding == "utf-32":
                encoding = "utf-32-le"
        if _reads_badly(sample, whole, encoding):
            raise SourceError(
                format_lazy(
                    _(
                        "This file does not look like {encoding} text. Choose another "
                        "encoding, or leave the choice to Sampark."
                    ),
                    encoding=chosen,
                )
            )
        return encoding
    return detect_encoding(sample, whole)


def codec_name(encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError as error:
        raise SourceError(UNKNOWN_ENCODING) from error
    if not getattr(codec, "_is_text_encoding", True):  # base64, rot13, zlib...
        raise SourceError(UNKNOWN_ENCODING)
    return codec.name


def detect_encoding(sample: bytes, whole: bool) -> str:
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    utf16 = _utf16_by_zeros(sample)
    if utf16:
        return utf16
    if _decodes(sample, whole, "utf-8") or _mostly_utf8(sample, whole):
        return "utf-8"
    results = from_bytes(sample)
    best = results.best()
    if best is None:
        return "cp1252" if _decodes(sample, whole, "cp1252") else "iso8859-1"
    equally_good = [result for result in results if result.chaos <= best.chaos]
    if any("cp1252" in result.could_be_from_charset for result in equally_good):
        return "cp1252"
    return codec_name(best.encoding)


def decode_sample(sample: bytes, whole: bool, encoding: str) -> str:
    """The sample as text, without a character cut in half at its end."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=_ERRORS)
    return decoder.decode(sample, final=whole).replace(_MARK, "\ufffd")


def open_text(path: Path, encoding: str) -> IO[str]:
    """The file as text for ``lines``: line ends kept as they are (csv needs them)."""
    try:
        return path.open(encoding=encoding, errors=_ERRORS, newline="")
    except OSError as error:
        raise SourceError(_("The file could not be opened.")) from error


class Lines:
    """The lines of a text stream, for csv.reader or line by line, watching what a plain read
    cannot: whether a line held undecodable bytes (``damaged``), how long the current record
    has grown (``size``), and where the file ends (``ended``, after yielding ``end`` if given).

    A line or record over LINE_LIMIT characters raises LineTooLong (after the rest of the line
    is skipped), so memory stays bounded whatever the file; reading may go on after it.
    """

    __slots__ = ("_end", "_readline", "damaged", "ended", "size")

    def __init__(self, stream: IO[str], end: str = "") -> None:
        self._readline = stream.readline
        self._end = end
        self.damaged = False
        self.ended = False
        self.size = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._readline(LINE_LIMIT)
        if not line:
            if self.ended or not self._end:
                self.ended = True
                raise StopIteration
            self.ended = True
            return self._end
        self.size += len(line)
        if self.size >= LINE_LIMIT:
            if len(line) == LINE_LIMIT and line[-1] not in "\r\n":
                self._skip_rest_of_line()
            raise LineTooLong
        if _MARK in line:
            self.damaged = True
            return line.replace(_MARK, "\ufffd")
        return line

    def next_record(self) -> None:
        """Start counting a new record."""
        self.size = 0
        self.damaged = False

    def _skip_rest_of_line(self) -> None:
        while True:
            chunk = self._readline(LINE_LIMIT)
            if not chunk or chunk[-1] in "\r\n":
                return


def _decodes(sample: bytes, whole: bool, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(sample: bytes, whole: bool) -> bool:
    """UTF-8 with a few damaged bytes: far more valid multi-byte characters than invalid bytes.
    (Text in a single-byte encoding holds almost no valid UTF-8 sequence.) Reading it as UTF-8
    spoils a few rows, which say so; guessing another encoding would garble every one."""
    decoded = codecs.getincrementaldecoder("utf-8")(errors=_ERRORS).decode(sample, final=whole)
    valid, invalid = _characters(decoded)
    return valid > 10 * invalid


def _characters(decoded: str) -> tuple[int, int]:
    """How many non-ASCII characters were decoded, and how many bytes could not be."""
    invalid = decoded.count(_MARK)
    return len(decoded) - len(decoded.encode("ascii", "ignore")) - invalid, invalid


def _utf16_by_zeros(sample: bytes) -> str:
    """UTF-16 is valid UTF-8 when its text is ASCII; its zero bytes, on one side, give it away."""
    if sample.count(0) < len(sample) // 4:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return ""


def _reads_badly(sample: bytes, whole: bool, encoding: str) -> bool:
    """Whether a chosen encoding is plainly wrong: undecodable bytes where valid characters are
    few, NULs that say the text is really UTF-16, or no line break where the bytes have many
    (UTF-16 chosen for 8-bit text). What detection picks always passes."""
    try:
        text = codecs.getincrementaldecoder(encoding)(errors=_ERRORS).decode(sample, final=whole)
    except UnicodeError:  # the codec gave up on the start itself (UTF-16 without its mark)
        return True
    valid, invalid = _characters(text)
    if invalid > 3 and invalid * 10 >= valid:
        return True
    if _utf16_by_zeros(sample) and not encoding.startswith(("utf-16", "utf-32")):
        return True
    return sample.count(b"\n") > 1 and "\n" not in text and "\r" not in text


# The starts of binary files people upload by mistake (a zip or an old Office file, a PDF, an
# image): they are not text in any encoding.
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")


def is_binary(sample: bytes) -> bool:
    return sample.startswith(_BINARY_MAGIC)


def refuse_binary(sample: bytes) -> None:
    if is_binary(sample):
        raise SourceError(
            _("This is not a text file. Save it from its program as CSV (or XLSX) and upload that.")
        )
