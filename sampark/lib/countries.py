"""Countries as ISO 3166-1 alpha-2 codes, named in the user's language (via Babel/CLDR).

CLDR names more two-letter "territories" than ISO assigns (the EU, the UN, Ascension Island,
pseudo-locales…); those are left out, so a stored country is always a real ISO code.
"""

from __future__ import annotations

import functools
import unicodedata

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sampark.lib.locale_format import cldr_locale

# Two-letter CLDR territories that are not ISO 3166-1 assigned codes: exceptionally reserved
# (AC, CP, CQ, DG, EA, EU, EZ, IC, TA, UN) or user-assigned (QO, XA, XB, XK, ZZ).
NOT_ISO = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "TA", "UN", "QO", "XA", "XB", "XK", "ZZ"}
)


def _sort_key(name: str) -> str:
    # "Åland Islands" among the A's, not after "Zimbabwe".
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def _choices(locale: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(locale).territories
    found = [
        (code, str(name))
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code.isupper() and code not in NOT_ISO
    ]
    return tuple(sorted(found, key=lambda item: _sort_key(item[1])))


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """``[("AF", "Afghanistan"), …]`` sorted by name, in the active (or given) UI language."""
    return list(_choices(cldr_locale(language)))


@functools.cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in _choices("en"))


def is_country(code: str) -> bool:
    return code in country_codes()


def validate_country(code: str) -> None:
    """A field validator: empty, or an ISO 3166-1 alpha-2 code in capitals such as ``BD``."""
    if code and not is_country(code):
        raise ValidationError(
            _("“%(code)s” is not a country code; use two letters such as BD or IN.")
            % {"code": code},
            code="invalid_country",
        )
