"""vCard files (2.1, 3.0, 4.0): one row per card, in fixed columns.

The file is cut into cards by their BEGIN and END lines, and each card is read alone, so a
broken card is one row with a problem and the cards after it still read. The
number of Email and Phone columns is the most any card has, found in a first pass that only
counts property lines (cheap next to parsing). Photos, logos, sounds and keys are skipped
before parsing: they are the bulk of a card and nothing imports them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import vobject.base
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.imports.sources import text
from sampark.imports.sources.base import (
    EMPTY_FILE,
    UNDECODABLE,
    Source,
    SourceError,
    SourceRow,
    cut_long_cells,
    problems,
)

_BEFORE = ("Full Name", "Given Name", "Family Name", "Organization", "Title")
_AFTER = ("Street", "City", "Region", "Postal Code", "Country", "Note", "Categories", "UID")
# The columns of a file whose cards have one email and one phone at most (the usual case).
VCARD_COLUMNS = (*_BEFORE, "Email 1", "Phone 1", *_AFTER)

# Properties nothing imports, and that make up most of a card's size (base64 images).
_SKIPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# A card is text of a few lines; anything this long is not one (a missing END:VCARD).
_CARD_LIMIT = text.LINE_LIMIT

NO_CARDS = _("This file holds no vCard: none starts with BEGIN:VCARD.")
UNREADABLE_LINES = _("Some lines of this card could not be read; the rest of it was.")
NOT_CLOSED = _("This card is not closed by END:VCARD, so it may be incomplete.")
TOO_LONG = _("This card is far too long to be read; only its start was kept.")


@dataclass(frozen=True)
class _Card:
    lines: list[str]  # the property lines kept, folded lines as they are
    problem: str | Promise = ""
    damaged: bool = False  # some bytes could not be decoded


@dataclass(frozen=True, kw_only=True)
class VcardSource(Source):
    path: Path
    emails: int = 1  # how many Email columns there are
    phones: int = 1
    cards: int = 0

    def rows(self) -> Iterator[SourceRow]:
        with text.open_text(self.path, self.encoding) as stream:
            for number, card in enumerate(_cards(stream), start=1):
                values, problem = _read(card, self.emails, self.phones)
                long = cut_long_cells(values)
                yield SourceRow(number, values, problems(card.problem, problem, long))

    def count_hint(self) -> int | None:
        return self.cards


def open_vcard(path: Path, sample: bytes, whole: bool, encoding: str | None) -> VcardSource:
    text.refuse_binary(sample)
    encoding = text.choose_encoding(sample, whole, encoding)
    cards = emails = phones = 0
    with text.open_text(path, encoding) as stream:
        for card in _cards(stream):
            cards += 1
            names = [_property_name(line) for line in card.lines if not _folded(line)]
            emails = max(emails, names.count("EMAIL"))
            phones = max(phones, names.count("TEL"))
    if not cards:
        empty = not text.decode_sample(sample, whole, encoding).strip("\ufeff \t\r\n")
        raise SourceError(EMPTY_FILE if empty else NO_CARDS)
    emails, phones = max(emails, 1), max(phones, 1)
    return VcardSource(
        format="vcard",
        columns=columns(emails, phones),
        encoding=encoding,
        path=path,
        emails=emails,
        phones=phones,
        cards=cards,
    )


def columns(emails: int, phones: int) -> list[str]:
    return [
        *_BEFORE,
        *(f"Email {n}" for n in range(1, emails + 1)),
        *(f"Phone {n}" for n in range(1, phones + 1)),
        *_AFTER,
    ]


def _cards(stream: IO[str]) -> Iterator[_Card]:
    """The cards of the stream, each as its lines; text outside cards is ignored."""
    lines = text.Lines(stream)
    card: list[str] | None = None
    size, damaged, skipping = 0, False, False
    while True:
        lines.next_record()
        try:
            line = next(lines, None)
        except text.LineTooLong:
            if card is not None:
                yield _Card(card, TOO_LONG, damaged)
            card = None
            continue
        if line is None:
            break
        word = line.strip().upper()
        if word.startswith("BEGIN:VCARD"):
            if card is not None:
                yield _Card(card, NOT_CLOSED, damaged)
            card, size, damaged, skipping = [line], 0, lines.damaged, False
            continue
        if card is None:
            continue
        damaged = damaged or lines.damaged
        if word.startswith("END:VCARD"):
            card.append(line)
            yield _Card(card, "", damaged)
            card = None
            continue
        if not _folded(line):
            skipping = _property_name(line) in _SKIPPED
        if skipping:
            continue
        size += len(line)
        if size > _CARD_LIMIT:
            yield _Card(card, TOO_LONG, damaged)
            card = None
            continue
        card.append(line)
    if card is not None:
        yield _Card(card, NOT_CLOSED, damaged)


def _folded(line: str) -> bool:
    return line[:1] in (" ", "\t")


def _property_name(line: str) -> str:
    """EMAIL of "item1.EMAIL;TYPE=work:a@b.c"."""
    return line.split(":", 1)[0].split(";", 1)[0].rsplit(".", 1)[-1].strip().upper()


def _read(card: _Card, emails: int, phones: int) -> tuple[dict[str, str], str | Promise]:
    properties, unreadable = _properties(card.lines)
    values = _values(properties, emails, phones)
    return values, problems(
        UNREADABLE_LINES if unreadable else "", UNDECODABLE if card.damaged else ""
    )


def _properties(lines: list[str]) -> tuple[dict[str, list[str]], bool]:
    """The card's text properties by name, values still escaped; and whether a line failed.

    vobject unfolds the lines and decodes QUOTED-PRINTABLE in the line's CHARSET; its property
    behaviours are not used, since they keep only the text before an unescaped comma — and
    vCard 2.1 never escapes commas ("NOTE:Met at the fair, likes tea").
    """
    properties: dict[str, list[str]] = {}
    unreadable = False
    for line, number in vobject.base.getLogicalLines(io.StringIO("".join(lines)), True):
        try:
            content = vobject.base.textLineToContentLine(line, number)
        except Exception:  # a line vobject cannot parse, or a CHARSET Python does not know
            unreadable = True
            continue
        encoding = {value.upper() for value in content.params.get("ENCODING", [])}
        if encoding & {"B", "BASE64"} or "BASE64" in content.singletonparams:
            continue  # binary: nothing to import
        if isinstance(content.value, str):
            properties.setdefault(content.name, []).append(content.value)
    return properties, unreadable


def _values(properties: dict[str, list[str]], emails: int, phones: int) -> dict[str, str]:
    def first(name: str) -> str:
        return properties.get(name, [""])[0]

    name = _components(first("N"), 5)  # family; given; additional; prefixes; suffixes
    address = _components(first("ADR"), 7)  # box; extended; street; city; region; code; country
    street = (_text(address[part], ", ") for part in (2, 1, 0))
    return {
        "Full Name": _text(first("FN")),
        "Given Name": _text(name[1], " "),
        "Family Name": _text(name[0], " "),
        # The organization's name, then its units: the name is the company.
        "Organization": _text(_components(first("ORG"), 1)[0]),
        "Title": _text(first("TITLE")),
        **_numbered("Email", [_text(value) for value in properties.get("EMAIL", [])], emails),
        **_numbered("Phone", [_phone(_text(value)) for value in properties.get("TEL", [])], phones),
        "Street": ", ".join(part for part in street if part),
        "City": _text(address[3], " "),
        "Region": _text(address[4], " "),
        "Postal Code": _text(address[5], " "),
        "Country": _text(address[6], " "),
        "Note": "\n".join(_text(value) for value in properties.get("NOTE", [])),
        "Categories": "; ".join(
            _text(category)
            for value in properties.get("CATEGORIES", [])
            for category in _split(value, ",")
            if category.strip()
        ),
        "UID": _text(first("UID")),
    }


def _components(value: str, count: int) -> list[str]:
    """A structured value's parts (N, ADR, ORG), split at unescaped semicolons."""
    parts = _split(value, ";")
    return (parts + [""] * count)[:count] if len(parts) < count else parts[:count]


def _split(value: str, separator: str) -> list[str]:
    """``value`` split at unescaped ``separator``s, the escapes kept for _text."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current += ("\\", char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _text(value: str, several: str = "") -> str:
    """Escapes undone ("\\n" is a new line). With ``several``, a component's values (unescaped
    commas: "Rahim,Karim" for two given names) are joined by it."""
    if several:
        return several.join(_text(part) for part in _split(value, ",") if part)
    return _ESCAPED.sub(lambda match: "\n" if match[1] in "nN" else match[1], value)


def _phone(phone: str) -> str:
    # vCard 4.0 writes phones as URIs: tel:+880-1711-000000
    return phone[4:] if phone[:4].lower() == "tel:" else phone


def _numbered(label: str, items: list[str], count: int) -> dict[str, str]:
    """ "Email 1".."Email N"; a card with more than N (which the first pass should have
    counted) keeps the rest in the last column rather than lose them."""
    items = [item for item in items if item]
    if len(items) > count:
        items = [*items[: count - 1], "; ".join(items[count - 1 :])]
    items += [""] * (count - len(items))
    return {f"{label} {n}": item for n, item in enumerate(items, start=1)}
