"""A file's cells made into values: cleaned text, lists split out of one cell, names split.

Files from other systems carry invisible characters that break matching and can disguise text:
zero-width spaces and byte-order marks, and the bidirectional controls that reorder what is
shown (U+202E makes "moc.liame" look like "email.com"). They are removed. The zero-width joiner
and non-joiner stay: Bengali and Hindi spelling needs them (র‍্যাব is written with a ZWJ).
"""

from __future__ import annotations

import re
import unicodedata

from sampark.exports.cells import restored

# Zero-width space, word joiner, BOM; LRM/RLM, the embeddings and overrides, the isolates.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Runs of spaces of any width, and control characters (a NUL or a stray line break in a cell).
_SPACES = re.compile(r"[\x00-\x20\x7f\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Between the values of one cell holding several: semicolons and new lines always; commas too
# for emails and tags, never for phones ("+880 1711-000001, ext 2" is one number with a note).
_LIST_SEPARATORS = re.compile(r"[;\n\r]+")
_EMAIL_SEPARATORS = re.compile(r"[;,\n\r\s]+")
_TAG_SEPARATORS = re.compile(r"[;,\n\r]+")


def clean(text: str) -> str:
    """One line of text as it should be stored: NFC, without invisible controls, its runs of
    spaces made one, trimmed; and without the quote an export put before a formula-like cell
    (sampark.exports.cells.inert), so an exported file imports back as it was."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return restored(_SPACES.sub(" ", text).strip())


def clean_block(text: str) -> str:
    """Text of several lines (notes, bodies): each line cleaned, the lines kept."""
    lines = [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def split_list(text: str, separators: re.Pattern[str] = _LIST_SEPARATORS) -> list[str]:
    return [value for value in (clean(part) for part in separators.split(text)) if value]


def split_emails(text: str) -> list[str]:
    return split_list(text, _EMAIL_SEPARATORS)


def split_tags(text: str) -> list[str]:
    return split_list(text, _TAG_SEPARATORS)


def split_name(full: str) -> tuple[str, str]:
    """Given and family name from a full name in one column: the last word is the family name
    (as in Bengali, Hindi and English names alike); one word is a given name alone."""
    words = full.split()
    if len(words) < 2:
        return full, ""
    return " ".join(words[:-1]), words[-1]
