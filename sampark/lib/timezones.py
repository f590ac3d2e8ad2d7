"""A client's time zone from what we know of them, when there is only one answer."""

from __future__ import annotations

from babel.core import get_global

from sampark.lib.phones import time_zone_of


def zone_for_country(country: str) -> str | None:
    """``BD`` → ``Asia/Dhaka``; None for countries with several zones (US, Russia, …)."""
    zones = get_global("territory_zones").get(country.upper(), [])
    return zones[0] if len(zones) == 1 else None


def country_of_zone(zone: str) -> str:
    """``Asia/Dhaka`` → ``BD``: the country a time zone is in, or "" if none (``UTC``)."""
    return str(get_global("zone_territories").get(zone, ""))


def guess_time_zone(*, country: str = "", phone: str = "") -> str | None:
    """The contact's zone from their country, else from their (E.164) phone number."""
    return (zone_for_country(country) if country else None) or (
        time_zone_of(phone) if phone else None
    )
