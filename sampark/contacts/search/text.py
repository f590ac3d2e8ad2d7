"""Words as search sees them, in Python, so both databases index and match the very same tokens.

Neither database is trusted to split Bengali or Hindi: SQLite's default tokenizer cuts words at
vowel signs and viramas, and PostgreSQL's parser depends on its locale. So words are cut here,
by Unicode category (letters, combining marks, digits), and the databases only store them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that join word pieces into one token: "rahim.k@example.com", "jean-luc", "o'brien".
# The pieces are indexed too, so "rahim" and "example" find that address as well.
JOINERS = "@.+-'_"
# Longest token kept; longer ones are cut (a tsvector lexeme may not exceed 2 KB).
MAX_TOKEN = 100
# A shorter word only matches whole: a one-letter prefix matches half the index, to no one's use.
MIN_PREFIX = 2
# A phone fragment must have this many digits: fewer would match half the numbers.
MIN_PHONE_DIGITS = 4
# Words this long (in code points) get typo tolerance; shorter ones have too many neighbours.
MIN_FUZZY_LENGTH = 5
# What a query may cost: its first characters and terms only.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_PHONE_LIKE = re.compile(r"[\d\s+\-().\/]+")


def _is_word_char(ch: str) -> bool:
    # Letters, combining marks (Indic vowel signs, viramas, nuktas), digits, private use.
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category == "Co"


def _is_latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def fold(text: str) -> str:
    """Text as it is indexed and matched: case-folded, NFC, ASCII digits, Latin accents dropped.

    Format characters (ZWJ, ZWNJ, soft hyphen) are removed: Bengali and Hindi writers put ZWJ/ZWNJ
    inside words to pick a glyph form, and the word is the same word either way. Accents are
    dropped from Latin letters only ("José" is found by "jose"); Indic marks are the word.
    """
    text = unicodedata.normalize("NFD", text.translate(_APOSTROPHES).casefold())
    kept: list[str] = []
    base = ""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        if category == "Mn" and base and _is_latin(base):
            continue
        if category == "Nd":
            ch = str(unicodedata.decimal(ch))
        elif category[0] != "M":
            base = ch
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def _compounds(folded: str) -> list[str]:
    """Runs of word characters, joined by single joiners; joiners at either end are dropped."""
    found: list[str] = []
    current: list[str] = []
    for ch in folded + " ":
        if _is_word_char(ch) or (ch in JOINERS and current and current[-1] not in JOINERS):
            current.append(ch)
            continue
        token = "".join(current).strip(JOINERS)
        if token:
            found.append(token[:MAX_TOKEN])
        current = []
    return found


def _pieces(token: str) -> list[str]:
    return [piece for piece in re.split(f"[{re.escape(JOINERS)}]", token) if piece]


def tokens(*texts: str) -> list[str]:
    """The index tokens of ``texts``, without repeats: each compound and each of its pieces.

    An address's local part and domain are tokens too, so "rahim.k@example.com" is found by
    "rahim.k", "example.com", "rahim" and "example", and by any prefix of those.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for compound in _compounds(fold(text)):
            seen[compound] = None
            for part in compound.split("@"):
                seen[part.strip(JOINERS)] = None
            for piece in _pieces(compound):
                seen[piece] = None
    seen.pop("", None)
    return list(seen)


def digits_of(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isdigit())


def is_vocabulary_word(token: str) -> bool:
    """Whether typo tolerance should know this token: a word of letters, long enough to matter."""
    return len(token) >= MIN_FUZZY_LENGTH - 1 and all(
        unicodedata.category(ch)[0] in "LM" for ch in token
    )


@dataclass(frozen=True)
class Query:
    """A query cut into terms; every term must match (AND)."""

    words: tuple[str, ...] = ()  # matched whole, then as prefixes, then with a typo
    digits: tuple[str, ...] = ()  # phone fragments, matched anywhere in a number

    def __bool__(self) -> bool:
        return bool(self.words or self.digits)


def parse_query(text: str) -> Query:
    """Terms from what someone typed; any punctuation is only a separator, never syntax.

    A query of digits and phone punctuation ("+880 1711-000001", "(017) 11000001") is one phone
    number; an international "00" prefix is dropped so it reads like "+".
    """
    text = fold(text[:MAX_QUERY_LENGTH])
    if _PHONE_LIKE.fullmatch(text):
        digits = digits_of(text)
        if digits.startswith("00"):
            digits = digits[2:]
        if len(digits) >= MIN_PHONE_DIGITS:
            return Query(digits=(digits,))
    words: dict[str, None] = {}
    numbers: dict[str, None] = {}
    for token in _compounds(text)[:MAX_TERMS]:
        # "01711-000001" inside a longer query is still a number, not a word.
        joined = "".join(_pieces(token))
        if joined.isascii() and joined.isdigit() and len(joined) >= MIN_PHONE_DIGITS:
            numbers[joined] = None
        else:
            words[token] = None
    return Query(words=tuple(words), digits=tuple(numbers))


def padded_trigrams(word: str) -> list[str]:
    """The word's trigrams with pg_trgm's padding (two spaces before, one after).

    The padding makes the first and last letters count: "rahim" and "rajim" share no inner
    trigram, but they share "  r", " ra" and "im ".
    """
    padded = f"  {word} "
    seen: dict[str, None] = {}
    for i in range(len(padded) - 2):
        seen[padded[i : i + 3]] = None
    return list(seen)


def max_typos(word: str) -> int:
    """How many edits a word may be off by: none when short, one, or two when long."""
    if len(word) < MIN_FUZZY_LENGTH:
        return 0
    return 1 if len(word) <= 8 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
