"""The address schemas the contacts and companies APIs share."""

from __future__ import annotations

from ninja import Field, Schema
from pydantic import ConfigDict


class AddressOut(Schema):
    label: str = Field(description="One of home, work, billing, shipping, other.")
    line1: str
    line2: str
    city: str
    region: str = Field(description="District, state or region.")
    postal_code: str
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    is_primary: bool = Field(description="The primary address is always first.")


class AddressIn(Schema):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(
        "",
        description="One of home, work, billing, shipping, other; "
        "home for a contact and work for a company when empty.",
    )
    line1: str = Field("", description="Street address, in any script.")
    line2: str = ""
    city: str = ""
    region: str = Field("", description="District, state or region.")
    postal_code: str = Field("", description="Checked against the country's postal codes.")
    country: str = Field(
        "", description="ISO 3166 two-letter code; the record's country when empty."
    )
    is_primary: bool = Field(
        False, description="At most one; when none is, the first address is the primary one."
    )


ADDRESSES_IN = "The addresses, in order; at least a street or a town each."
ADDRESSES_REPLACE = "Replaces all the addresses; [] removes them."
