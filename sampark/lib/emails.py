"""Email addresses checked for syntax (not deliverability: no network lookups while typing)."""

from __future__ import annotations

import functools

from email_validator import EmailNotValidError, validate_email


class InvalidEmail(ValueError):
    pass


# An import checks each address more than once (to match the row, then to store it), and the
# check is the costliest step of a row. Only good addresses are kept: errors are not cached.
@functools.lru_cache(maxsize=4096)
def normalise_email(raw: str) -> str:
    """The address as it should be stored: domain lower-cased and IDNA-normalised."""
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidEmail(str(error)) from None
