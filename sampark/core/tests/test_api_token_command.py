"""`sampark token create` prints a working token and nothing else."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sampark.core.models import ApiToken, AuditEntry, Channel, TokenScope
from sampark.core.tests.api_client import API, ApiClient
from sampark.core.tests.factories import UserFactory


def create(*args: str) -> str:
    out = StringIO()
    call_command("token", "create", *args, stdout=out)
    return out.getvalue()


def test_it_prints_only_the_token_which_then_authenticates(db):
    user = UserFactory(username="asha")

    output = create("--user", "asha")

    raw = output.strip()
    assert output == raw + "\n"
    assert raw.startswith("spk_")
    token = ApiToken.objects.get(user=user)
    assert token.scope == TokenScope.READ
    assert token.name == "Command line"
    assert ApiClient(raw).get(f"{API}/contacts").status_code == 200


def test_it_takes_a_name_and_a_write_scope(db):
    UserFactory(username="asha")

    create("--user", "asha", "--name", "Nightly sync", "--scope", "read_write")

    token = ApiToken.objects.get()
    assert (token.name, token.scope) == ("Nightly sync", TokenScope.READ_WRITE)


def test_the_token_is_audited_as_made_on_the_command_line(db):
    UserFactory(username="asha")

    create("--user", "asha")

    entry = AuditEntry.objects.get(model_label="core.apitoken")
    assert entry.channel == Channel.CLI


def test_an_unknown_user_is_a_one_line_error(db):
    with pytest.raises(CommandError, match=r"^No user is named 'ghost'\.$"):
        create("--user", "ghost")


def test_an_unknown_scope_is_a_one_line_error(db):
    UserFactory(username="asha")

    with pytest.raises(
        CommandError, match=r"^Unknown scope 'admin': use one of read, read_write\.$"
    ):
        create("--user", "asha", "--scope", "admin")
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(db):
    UserFactory(username="asha", is_active=False)

    with pytest.raises(CommandError, match="inactive"):
        create("--user", "asha")
