"""Light stemming of a question's words in English, Bengali and Hindi: one inflectional ending
taken off, so the word's beginning can be looked up as a prefix.

A question says "পাসওয়ার্ডের" or "withdrawing" where an article says "পাসওয়ার্ড" or "withdrawal";
the search index matches words by their beginning, so the stem of the question's word finds
every form the article uses. Only the longest matching ending goes, and never so much that the
stem would match half the vocabulary: over-stripping costs precision, under-stripping recall.

Folded text is expected (``sampark.contacts.search.text.fold``): lower case, NFC.
"""

from __future__ import annotations

import unicodedata

# Longest first within each script; case endings, plural and classifier suffixes, and the
# commonest verb endings.
_ENGLISH = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "als",
    "ies",
    "ied",
    "al",
    "ed",
    "es",
    "ly",
    "s",
)
_BENGALI = (
    # nouns: plural, classifier and case endings
    "গুলোকে",
    "গুলোতে",
    "গুলোর",
    "গুলো",
    "গুলি",
    "দেরকে",
    "দের",
    "টিকে",
    "টির",
    "টাকে",
    "য়ের",
    "েরা",
    "টি",
    "টা",
    "য়ে",
    "ের",
    # verbs: the commonest person and tense endings
    "চ্ছেন",
    "চ্ছে",
    "েছেন",
    "েছি",
    "েছে",
    "লাম",
    "লেন",
    "বেন",
    "তাম",
    "বো",
    "ছি",
    "ছে",
    "তে",
    "কে",
    "রা",
    "লে",
    "ুন",
    "র",
    "ে",
    "ি",
    "য়",
)
_HINDI = (
    "ियों",
    "ियाँ",
    "ियां",
    "ाओं",
    "ाएँ",
    "ाएं",
    "ेंगे",
    "ाऊँ",
    "ाऊं",
    "ेगा",
    "ेगी",
    "ाया",
    "ाई",
    "ाए",
    "ें",
    "ों",
    "ूँ",
    "ूं",
    "ने",
    "ना",
    "नी",
    "ता",
    "ती",
    "ते",
    "ा",
    "ी",
    "े",
    "ो",
)
# Letters (not marks) a stem keeps at least: fewer would match too many words.
_MIN_LATIN = 4
_MIN_INDIC = 2


def stem(word: str) -> str:
    """``word`` without its inflectional ending, or as it is when it has none to spare."""
    if not word:
        return word
    first = word[0]
    if "\u0980" <= first <= "\u09ff":
        return _strip(word, _BENGALI, _MIN_INDIC)
    if "\u0900" <= first <= "\u097f":
        return _strip(word, _HINDI, _MIN_INDIC)
    if word.isascii() and word.isalpha():
        # "process" keeps its double s: it is the word's own.
        return word if word.endswith("ss") else _strip(word, _ENGLISH, _MIN_LATIN)
    return word


def _strip(word: str, endings: tuple[str, ...], shortest: int) -> str:
    for ending in endings:
        kept = word[: -len(ending)]
        # A plain plural may leave a short word: "fees" → "fee".
        enough = shortest - 1 if ending == "s" else shortest
        if word.endswith(ending) and _letters(kept) >= enough:
            return kept
    return word


def _letters(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.category(ch).startswith("M"))
