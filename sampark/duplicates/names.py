"""Names as matching sees them: one Latin skeleton whatever the script, and how alike two are.

"রহিম উদ্দিন", "Rahim Uddin" and "Raheem Udin" must meet. Each word is taken to Latin letters
(``unidecode``), spelling variants of transliteration are folded (ph/f, bh/b, sh/s, ee/i, w/v,
doubled letters), and the non-initial "a" is dropped, because Bengali and Hindi leave the
inherent vowel unwritten: ``unidecode("রহিম")`` is "rhim", not "rahim". That is a word's
*phonetic* form, compared for the score; its *skeleton* (vowels dropped too) is what blocks on.

Titles (Mr, Dr, Sri, Janab) are dropped, and the many spellings of Mohammad and Mosammat ("Md.",
"Mohd", "মোঃ") become one word that never anchors a block on its own, so "Md. Rahman" and
"Mohammad Rahman" meet without the millions of Mohammads forming one block.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from unidecode import unidecode

# Applied in order, after the text is lower-case Latin letters and digits.
_VARIANTS = (
    ("ph", "f"),
    ("bh", "b"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("jh", "j"),
    ("sh", "s"),
    ("ch", "c"),
    ("ee", "i"),
    ("oo", "u"),
    ("ow", "o"),
    ("au", "o"),
    ("ou", "u"),
    ("ng", "n"),
    ("nh", "n"),
    ("w", "v"),
    ("z", "j"),
    ("q", "k"),
    ("x", "ks"),
    ("y", "i"),
)
_NOT_LATIN = re.compile(r"[^a-z0-9]")
_REPEATS = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
_WORDS = re.compile(r"[\s.,;:/()\[\]&'\"_-]+")

# Phonetic forms of words that say who someone is, not which one: dropped. (Forms, not
# skeletons: "Sri" and "Shreya" share a skeleton.)
TITLES = frozenset({"mr", "mrs", "ms", "mis", "dr", "prof", "engr", "sri", "smt", "jnb"})
# Phonetic forms of the spellings of the commonest honorific names, and the one word each
# becomes ("Mahmud", whose skeleton is Mohammad's, is another name).
_SAME_WORD = {
    **dict.fromkeys(("md", "mohd", "moh", "mhd", "mohmd", "muhmd", "mohmed", "muhmed"), "mhmd"),
    **dict.fromkeys(("mst", "mosmt", "mosmat"), "mst"),
}
# Words so common that a block keyed on them alone would hold half the workspace.
COMMON = frozenset({"mhmd", "mst", "kumr", "kumri", "devi", "begum", "bibi"})
# Words that only say what kind of company it is.
COMPANY_WORDS = frozenset(
    {"ltd", "lmtd", "pvt", "prvt", "inc", "incrprtd", "llc", "llp", "plc", "c", "cmpn", "crp",
     "crprtn", "gmbh", "and"}
)  # fmt: skip
MAX_WORDS = 4
MAX_KEY = 150


@functools.lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A word's spelling-insensitive Latin form: "Raheem" and "রহিম" are both "rhim"."""
    text = _NOT_LATIN.sub("", unidecode(word).lower())
    for variant, same in _VARIANTS:
        text = text.replace(variant, same)
    text = _REPEATS.sub(r"\1", text)
    text = text[:1] + text[1:].replace("a", "")
    return _REPEATS.sub(r"\1", text)


def skeleton(form: str) -> str:
    """The phonetic form without its vowels (but its first letter): "rhim" -> "rhm"."""
    return form[:1] + _VOWELS.sub("", form[1:])


def words(name: str, *, company: bool = False) -> tuple[str, ...]:
    """The phonetic forms of a name's words, titles (or a company's legal form) left out."""
    found: list[str] = []
    for raw in _WORDS.split(name):
        form = phonetic(raw)
        if not form:
            continue
        if form in _SAME_WORD:
            form = _SAME_WORD[form]
        elif (skeleton(form) in COMPANY_WORDS) if company else (form in TITLES):
            continue
        found.append(form)
    return tuple(found[:MAX_WORDS])


def block_keys(forms: Sequence[str]) -> set[str]:
    """The blocks a name falls in, so that alike names share at least one.

    The whole name (words sorted, so order does not matter); for longer names every pair of
    its words (a middle name added or left out); and each distinctive word with the initials of
    the others (a typo in one word). Common words never stand alone with initials.
    """
    named = sorted((skeleton(form), form in COMMON) for form in forms)
    bones = [word for word, _common in named]
    if not bones:
        return set()
    keys = {" ".join(bones)}
    if len(bones) > 2:
        keys |= {" ".join(pair) for pair in itertools.combinations(bones, 2)}
    if len(bones) > 1:
        for n, (word, common) in enumerate(named):
            if common or word.isdigit() or len(word) < 2:
                continue
            others = sorted(w[0] for m, (w, c) in enumerate(named) if m != n and not c)
            if others:
                keys.add(f"{word}+{''.join(others)}")
    return {key[:MAX_KEY] for key in keys}


def _word_likeness(a: str, b: str) -> float:
    score = (fuzz.ratio(a, b) + fuzz.ratio(skeleton(a), skeleton(b))) / 2
    # People mistype the middle of a name, rarely its first letter: Rahim and Karim differ.
    return score * 0.75 if a[:1] != b[:1] else score


@functools.lru_cache(maxsize=65536)
def likeness(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """0-100: how alike two names' phonetic words are, each word paired with its best match
    (in any order), weighted by length; a word only one of them has counts against, unless it
    is a common one ("Md. Rahim Uddin" is Rahim Uddin)."""
    if not a or not b:
        return 0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    best = 0.0
    for chosen in itertools.permutations(long_, len(short)):
        weights = [len(x) + len(y) for x, y in zip(short, chosen, strict=True)]
        total = sum(
            _word_likeness(x, y) * w for x, y, w in zip(short, chosen, weights, strict=True)
        )
        left_out = list(long_)
        for word in chosen:
            left_out.remove(word)
        missing = sum(len(w) for w in left_out if w not in COMMON)
        best = max(best, total / (sum(weights) + missing))
    return round(best)


def best_likeness(
    names_a: Iterable[tuple[str, ...]], names_b: Iterable[tuple[str, ...]]
) -> tuple[int, int, int]:
    """The best ``likeness`` between any name of one record and any of the other, with the
    positions of the two names that gave it."""
    best = (0, 0, 0)
    listed_b = list(names_b)
    for i, a in enumerate(names_a):
        for j, b in enumerate(listed_b):
            score = likeness(a, b)
            if score > best[0]:
                best = (score, i, j)
    return best
