"""Why a pair was proposed, in words: reasons are stored as codes and values, and written out
in the reader's language when shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


def describe(reason: Mapping[str, Any]) -> str:
    code = reason.get("code")
    if code == "email":
        return _("same email %(value)s") % {"value": reason.get("value", "")}
    if code == "phone":
        return _("same phone %(value)s") % {"value": reason.get("value", "")}
    if code == "external_id":
        return _("same external ID")
    if code == "domain":
        return _("same web domain %(value)s") % {"value": reason.get("value", "")}
    if code in ("name", "company_name"):
        values = {
            "a": reason.get("a", ""),
            "b": reason.get("b", ""),
            "score": reason.get("score", 0),
        }
        if code == "name":
            return _("names alike: %(a)s ~ %(b)s (%(score)d)") % values
        return _("company names alike: %(a)s ~ %(b)s (%(score)d)") % values
    if code == "same_company":
        return _("both work at the same company")
    if code == "same_town":
        return _("both in the same town")
    if code == "same_email_name":
        return _("the same email name at another address")
    return str(code)
