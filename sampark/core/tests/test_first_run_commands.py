"""`make run`'s first-run steps: the first admin and the demo workspace."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from sampark.contacts.models import Contact
from sampark.core.models import AuditEntry, User
from sampark.core.roles import Role

pytestmark = pytest.mark.django_db


def test_createadmin_without_a_terminal_prints_a_password_that_works(capsys):  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    out = capsys.readouterr().out
    password = out.split("Password (shown once, change it after signing in): ")[1].strip()
    admin = authenticate(username="admin", password=password)
    assert admin is not None
    assert admin.role is Role.ADMIN
    assert AuditEntry.objects.filter(model_label="core.user", channel="cli").exists()


def test_createadmin_if_missing_does_nothing_when_an_admin_exists(capsys):  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    call_command("createadmin", "--no-input", "--if-missing")
    assert User.objects.count() == 1


def test_createadmin_with_flags_checks_the_password(capsys):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="too short"):
        call_command("createadmin", "--username", "root", "--password", "abc", "--no-input")
    call_command("createadmin", "--username", "root", "--password", "a long enough passphrase")
    assert "Password" not in capsys.readouterr().out
    assert authenticate(username="root", password="a long enough passphrase")


def test_demo_loads_once_with_names_in_three_scripts(capsys):  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    call_command("demo", "--if-empty")
    count = Contact.objects.count()
    call_command("demo", "--if-empty")
    assert Contact.objects.count() == count > 10
    names = "".join(Contact.objects.values_list("display_name", flat=True))
    assert any("\u0980" <= ch <= "\u09ff" for ch in names)  # Bengali
    assert any("\u0900" <= ch <= "\u097f" for ch in names)  # Devanagari
    assert any("a" <= ch <= "z" for ch in names)
    assert not Contact.objects.filter(team__isnull=True).exists()
    # Segmentation to try at once: custom fields with values, as columns of the list.
    risks = {contact.custom.get("risk_profile") for contact in Contact.objects.all()}
    assert risks == {"low", "medium", "high"}
    assert Contact.objects.filter(addresses__city="চট্টগ্রাম").exists()


def test_demo_needs_an_admin():  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="createadmin"):
        call_command("demo")
