"""`sampark audit verify` finds an edited, removed or truncated audit trail."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sampark.contacts.actions import create_contact, update_contact
from sampark.core import audit
from sampark.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(people):  # type: ignore[no-untyped-def]
    contact = create_contact(by=people["agent"], display_name="Tanvir")
    for n in range(4):
        update_contact(contact, by=people["agent"], values={"phone": f"+88017110000{n}0"})
    return list(AuditEntry.objects.order_by("seq"))


def tamper(sql: str, params: list[object]) -> None:
    """What an attacker with database access would do, bypassing the application."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_trail_verifies(trail, capsys):  # type: ignore[no-untyped-def]
    assert audit.verify() == []
    call_command("audit", "verify")
    assert f"{len(trail)} entries" in capsys.readouterr().out


def test_edited_entry_is_found(trail):  # type: ignore[no-untyped-def]
    tamper(
        "UPDATE core_auditentry SET actor_name = %s WHERE seq = %s", ["someone else", trail[2].seq]
    )
    problems = audit.verify()
    assert [p.seq for p in problems] == [trail[2].seq]
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_edited_changes_are_found(trail):  # type: ignore[no-untyped-def]
    tamper(
        "UPDATE core_auditentry SET changes = %s WHERE seq = %s",
        ['{"phone": ["", "+000"]}', trail[1].seq],
    )
    assert [p.seq for p in audit.verify()] == [trail[1].seq]


def test_deleted_entry_in_the_middle_is_found(trail):  # type: ignore[no-untyped-def]
    tamper("DELETE FROM core_auditentry WHERE seq = %s", [trail[2].seq])
    problems = audit.verify()
    assert problems
    assert problems[0].seq == trail[3].seq


def test_deleted_newest_entry_is_found(trail):  # type: ignore[no-untyped-def]
    tamper("DELETE FROM core_auditentry WHERE seq = %s", [trail[-1].seq])
    assert audit.verify()


def test_rewritten_chain_without_the_head_is_found(trail):  # type: ignore[no-untyped-def]
    # Editing an entry and recomputing its hash still breaks the link to the next entry.
    entry = trail[1]
    entry.actor_name = "forged"
    forged = audit._digest(entry)
    tamper(
        "UPDATE core_auditentry SET actor_name = %s, hash = %s WHERE seq = %s",
        ["forged", forged, entry.seq],
    )
    assert [p.seq for p in audit.verify()] == [trail[2].seq]
