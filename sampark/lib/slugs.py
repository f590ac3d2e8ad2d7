"""Readable URL slugs in any script: "কার্ড বন্ধ হয়ে গেছে" -> "কার্ড-বন্ধ-হয়ে-গেছে".

Django's ``slugify(allow_unicode=True)`` keeps only what Python's ``\\w`` matches, and that
leaves out combining marks: Bengali and Hindi vowel signs and viramas vanish, and "কার্ড"
becomes the unreadable "করড". Here letters, combining marks and digits are kept (by Unicode
category), so the slug reads as the title does; anything else separates words.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[-\s]+")


def _kept(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cf":
        # ZWJ / ZWNJ pick a glyph form inside a Bengali or Hindi word: the word is the same.
        return ""
    if category[0] in "LMN" or ch in "-_":
        return ch
    return " "


def slugify(value: str, max_length: int = 100) -> str:
    """Lower-case words of ``value`` joined by hyphens, at most ``max_length`` characters,
    cut between words when it is too long; "" when nothing readable is left."""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    slug = _SEPARATORS.sub("-", "".join(_kept(ch) for ch in text).strip()).strip("-_")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at a word boundary: half a word (or a consonant without its vowel sign) misleads.
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-_")
    return unicodedata.normalize("NFC", slug)


def is_slug(value: str) -> bool:
    """Whether ``value`` is already a slug as ``slugify`` makes them."""
    return bool(value) and slugify(value, max_length=len(value)) == value


def validate_slug(value: str) -> None:
    if not is_slug(value):
        raise ValidationError(
            _("Use letters, numbers and hyphens only, in any script."), code="invalid"
        )
