"""Setting a mailbox up: the servers are tried before anything is saved, and what fails is
shown on the field at fault (the server name, the password, the folder)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.core.forms import RoutingForm
from sampark.lib.sealed import Unreadable, unseal
from sampark.mail.models import Mailbox, Purpose
from sampark.mail.smtp import SmtpServer, probe_smtp
from sampark.mail.sync import Server, probe

_SERVER_FIELDS = [
    "address",
    "host",
    "port",
    "security",
    "username",
    "password",
    "folder",
    "sent_folder",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "excluded",
]


class _ServerSettingsForm(forms.ModelForm[Any]):
    """The connection half of a mailbox's settings, shared by the admin's form and one's own."""

    password = forms.CharField(
        label=_("password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Kept encrypted. An app password if the mail service offers them."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["password"].help_text = _("Leave empty to keep the one saved.")
            # Where its reading has got to is kept per folder: only a new mailbox may choose.
            self.fields.pop("take_existing", None)
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
        folders = {"folder": cleaned["folder"]}
        if cleaned.get("purpose", self.instance.purpose) == Purpose.PERSONAL:
            folders |= {"sent_folder": cleaned["sent_folder"]} if cleaned["sent_folder"] else {}
        imap = Server(
            cleaned["host"], cleaned["port"], cleaned["security"], cleaned["username"], password
        )
        problem = probe(imap, folders)
        if problem is None and cleaned["smtp_host"]:
            smtp = SmtpServer(
                cleaned["smtp_host"],
                cleaned["smtp_port"],
                cleaned["smtp_security"],
                cleaned["username"],
                password,
            )
            problem = probe_smtp(smtp)
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


class MailboxForm(RoutingForm, _ServerSettingsForm):
    """An admin's: any mailbox, for anyone."""

    owner_label = _("what it brings in goes to")

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "purpose",
            *_SERVER_FIELDS,
            "owner",
            "team",
            "take_existing",
            "is_active",
        ]

    def action_values(self, leave_out: frozenset[str] = frozenset({"password"})) -> dict[str, Any]:
        return super().action_values(leave_out)


class MyMailForm(_ServerSettingsForm):
    """One's own mail: the servers, the folders and who to leave out; it is theirs and on
    their clients' timelines by definition."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Mailbox
        fields = [*_SERVER_FIELDS, "take_existing", "is_active"]
        labels = {"folder": _("Inbox folder")}
        help_texts = {
            "address": _("Your email address: the mail you write from Sampark goes out from it.")
        }

    def action_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"password", "version"}}
