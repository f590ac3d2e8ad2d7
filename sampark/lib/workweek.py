"""Which days people work, by country, and which country a time zone is in.

The weekend differs by country: Friday and Saturday in Bangladesh and most of the Gulf, Friday
alone in Iran, Saturday alone in Nepal, Saturday and Sunday in India, the UAE and most others.
This table is the one place that says so; anything that counts working days (meeting slots,
recurring tasks) asks here.
"""

from __future__ import annotations

import functools

from babel.core import get_global

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

DEFAULT_WEEKEND = frozenset({SATURDAY, SUNDAY})

# ISO 3166-1 country → its weekend days (datetime.weekday() numbers). Countries not listed rest
# on Saturday and Sunday.
WEEKENDS: dict[str, frozenset[int]] = {
    # Friday and Saturday
    "BD": frozenset({FRIDAY, SATURDAY}),
    "BH": frozenset({FRIDAY, SATURDAY}),
    "DZ": frozenset({FRIDAY, SATURDAY}),
    "EG": frozenset({FRIDAY, SATURDAY}),
    "IQ": frozenset({FRIDAY, SATURDAY}),
    "IL": frozenset({FRIDAY, SATURDAY}),
    "JO": frozenset({FRIDAY, SATURDAY}),
    "KW": frozenset({FRIDAY, SATURDAY}),
    "LY": frozenset({FRIDAY, SATURDAY}),
    "MV": frozenset({FRIDAY, SATURDAY}),
    "OM": frozenset({FRIDAY, SATURDAY}),
    "QA": frozenset({FRIDAY, SATURDAY}),
    "SA": frozenset({FRIDAY, SATURDAY}),
    "SD": frozenset({FRIDAY, SATURDAY}),
    "SY": frozenset({FRIDAY, SATURDAY}),
    "YE": frozenset({FRIDAY, SATURDAY}),
    # Thursday and Friday
    "AF": frozenset({THURSDAY, FRIDAY}),
    # One day
    "IR": frozenset({FRIDAY}),
    "NP": frozenset({SATURDAY}),
}


def weekend(country: str) -> frozenset[int]:
    """The weekend days of ``country`` (an ISO code; blank or unknown: Saturday and Sunday)."""
    return WEEKENDS.get(country.upper(), DEFAULT_WEEKEND) if country else DEFAULT_WEEKEND


def is_working_day(country: str, weekday: int) -> bool:
    return weekday not in weekend(country)


@functools.cache
def country_of_zone(zone: str) -> str:
    """``Asia/Dhaka`` → ``BD``; blank for zones that are no one country's (UTC, Etc/GMT+5)."""
    territories = get_global("zone_territories")
    aliases = get_global("zone_aliases")
    found = territories.get(zone) or territories.get(aliases.get(zone, ""))
    if found is None:
        # CLDR's canonical names are sometimes the older ones (Asia/Calcutta for Kolkata).
        found = next((t for z, t in territories.items() if aliases.get(z) == zone), None)
    code = str(found or "")
    # "ZZ" is CLDR's "unknown region", given to UTC and the Etc/ zones.
    return code if code != "ZZ" and len(code) == 2 else ""
