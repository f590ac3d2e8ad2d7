"""What an import does with each kind of record: read a row's cells into the values its write
actions take, find the record a row is about, create or update it, and undo that.

``Cells`` are a row's values by target key (targets.py), each a list, already cleaned: a
multi-valued target gathers every column mapped to it and every value split out of a cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sampark.core.models import User
from sampark.core.records import OwnedRecord

if TYPE_CHECKING:
    from sampark.imports.objects.on_contact import ContactFinder

Cells = Mapping[str, list[str]]


def _contact_finder() -> ContactFinder:
    # Imported here: on_contact.py builds on this module.
    from sampark.imports.objects.on_contact import ContactFinder

    return ContactFinder()


@dataclass
class Context:
    """What one run of an import knows across its rows."""

    by: User
    match_on: str
    default_country: str = ""  # for rows that name no country, so local phones can be read
    # Looked up once per import: people the importer may name as owners, companies by name
    # and domain (so a company named on a thousand rows is found, or created, once).
    owners: dict[str, User | None] = field(default_factory=dict)
    companies: dict[tuple[str, str], int] = field(default_factory=dict)
    # The contacts that rows of interactions and transactions name, a batch at a time.
    contacts: ContactFinder = field(default_factory=_contact_finder)


@dataclass(frozen=True)
class Change:
    """What writing a row did: the record, whether it is new, and for a changed one the values
    it had before (as its update action takes them), for undo."""

    record: OwnedRecord
    created: bool
    before: dict[str, Any]
    # Other records the row created on the way (a company named by a contact row).
    also_created: Sequence[OwnedRecord] = ()


class ImportKind(Protocol):
    label: str

    def match_key(self, cells: Cells, ctx: Context) -> str:
        """The normalised value this row is matched by ("" if it has none); raises
        ValidationError if that value is malformed."""

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        """The records already holding these keys, visible to the importer or not."""

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        """The row as its write action's values; ValidationError keyed by target otherwise."""

    def create(self, values: dict[str, Any], ctx: Context) -> Change: ...

    # A kind may also offer ``create_many(rows, ctx) -> list[Change | ValidationError]``: the
    # same for many rows written together; the engine uses it for a batch's new records.

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        """Apply the row's non-empty values; None when nothing would change."""

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        """Take back what ``create`` or ``update`` did (a record already gone is left alone)."""


def kind_for(obj: str) -> ImportKind:
    from sampark.imports.objects.activities import ACTIVITIES
    from sampark.imports.objects.companies import COMPANIES
    from sampark.imports.objects.contacts import CONTACTS
    from sampark.imports.objects.leads import LEADS
    from sampark.imports.objects.transactions import TRANSACTIONS

    kinds: dict[str, ImportKind] = {
        "contacts": CONTACTS,
        "companies": COMPANIES,
        "activities": ACTIVITIES,
        "transactions": TRANSACTIONS,
        "leads": LEADS,
    }
    return kinds[obj]
