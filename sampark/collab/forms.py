"""The comment form and the email digest preference."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import COMMENT_MAX_LENGTH, DigestFrequency


class CommentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("comment"),
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        error_messages={"required": _("Write something first.")},
        help_text=_("Plain text. Type @ and a username to tell a colleague."),
    )

    def __init__(self, *args: Any, comment_id: int | None = None, **kwargs: Any) -> None:
        # Ids stay unique on a page where the add form and several edit forms are open at once.
        kwargs.setdefault("auto_id", f"comment{comment_id}_%s" if comment_id else "new_comment_%s")
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.widget = forms.Textarea(
            attrs={
                "rows": 3,
                "maxlength": COMMENT_MAX_LENGTH,
                "data-mentions": "",  # sampark/collab/static/collab/js/mentions.js
            }
        )
        if comment_id is None:
            del self.fields["version"]

    def add_action_error(self, error: ValidationError) -> None:
        """The action's errors, on the field they name when the form has it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("email digest of unread notifications"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The daily digest comes at about 8 in the morning, in your time zone."),
    )
