"""Setting a mailbox up: the server is tried before anything is saved, and what fails is shown
on the field at fault (the server name, the password, the folder)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.core.forms import RoutingForm
from sampark.lib.sealed import Unreadable, unseal
from sampark.mail.models import Mailbox
from sampark.mail.sync import Server, probe


class MailboxForm(RoutingForm):
    owner_label = _("what it brings in goes to")
    password = forms.CharField(
        label=_("password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Kept encrypted. An app password if the mail service offers them."),
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "purpose",
            "address",
            "host",
            "port",
            "security",
            "username",
            "password",
            "folder",
            "excluded",
            "owner",
            "team",
            "take_existing",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["password"].help_text = _("Leave empty to keep the one saved.")
            # Where its reading has got to is kept per folder: only a new mailbox may choose.
            del self.fields["take_existing"]
        else:
            self.fields["password"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        password = cleaned.get("password") or self._saved_password()
        if password is None:
            self.add_error("password", _("Enter the password again."))
            return cleaned
        server = Server(
            cleaned["host"], cleaned["port"], cleaned["security"], cleaned["username"], password
        )
        problem = probe(server, cleaned["folder"])
        if problem is not None:
            field, message = problem
            self.add_error(field, message)
        return cleaned

    def _saved_password(self) -> str | None:
        if not self.instance.pk or not self.instance.password_sealed:
            return None
        try:
            return unseal(self.instance.password_sealed)
        except Unreadable:
            return None

    def action_values(self, leave_out: frozenset[str] = frozenset({"password"})) -> dict[str, Any]:
        return super().action_values(leave_out)
