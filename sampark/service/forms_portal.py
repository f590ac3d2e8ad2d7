"""The forms clients fill in: the public ticket form, the portal's sign-in, new ticket and
answer, and the satisfaction rating's comment.

Labels and messages follow the active language (the page's). Attachments are checked here as
an agent's upload is (``contacts.actions.check_attachments``), so a refused file is an error on
its field; the actions check them again before anything is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sampark.contacts.actions import check_attachments, normalise_emails
from sampark.contacts.forms_timeline import MultipleFileField
from sampark.service.models import Rating
from sampark.service.public_intake import MAX_FILES, MAX_UPLOAD_BYTES

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
COMMENT_MAX_LENGTH = 2000
# Suggestions from the help centre while the client types (service/views_help.suggest).
SUGGEST_TARGET = "#help-suggestions"


def suggest_url() -> str:
    """The help centre's suggestions, or "" while the help centre is not there."""
    try:
        return reverse("help:suggest")
    except NoReverseMatch:
        return ""


def _suggesting(field: forms.Field) -> None:
    """Ask the help centre for articles as the client types into ``field`` (htmx; the static
    script service/portal.js sends the subject and description together as ``q``)."""
    url = suggest_url()
    if url:
        field.widget.attrs.update(
            {
                "hx-get": url,
                "hx-trigger": "input changed delay:500ms",
                "hx-target": SUGGEST_TARGET,
                # Queued, not replacing: an aborted request is logged as an error by htmx.
                "hx-sync": "closest form:queue last",
                "data-suggest": "",
            }
        )


def _subject() -> forms.CharField:
    return forms.CharField(label=_("subject"), max_length=SUBJECT_MAX_LENGTH)


def _body(label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("how can we help?"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def _attachments() -> MultipleFileField:
    return MultipleFileField(
        label=_("attachments"),
        required=False,
        help_text=format_lazy(
            _("Up to {count} files: PDF, images, text or office documents."), count=MAX_FILES
        ),
    )


def _email() -> forms.EmailField:
    return forms.EmailField(
        label=_("email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def clean_files(files: list[UploadedFile]) -> list[UploadedFile]:
    if len(files) > MAX_FILES:
        raise ValidationError(
            ngettext("Attach at most %(count)d file.", "Attach at most %(count)d files.", MAX_FILES)
            % {"count": MAX_FILES}
        )
    if sum(file.size or 0 for file in files) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The files together are larger than %(max)d MB.")
            % {"max": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        check_attachments(files)
    except ValidationError as error:
        raise ValidationError(error.message_dict["attachments"]) from None
    return files


def clean_address(value: str) -> str:
    try:
        found = normalise_emails([value], field="email")
    except ValidationError as error:
        raise ValidationError(error.message_dict["email"]) from None
    if not found:
        raise ValidationError(_("This field is required."))
    return found[0]


class TicketWebForm(forms.Form):
    """The public ticket form: who they are, what it is about, in which language to answer.
    The stamp and the honeypot are not fields: the view checks them before this form."""

    name = forms.CharField(
        label=_("your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = _email()
    subject = _subject()
    body = _body()
    attachments = _attachments()
    language = forms.ChoiceField(label=_("answer me in"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, suggest: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sampark-%s")
        super().__init__(*args, **kwargs)
        if suggest:  # not on another website: its page would ask its own server
            _suggesting(self.fields["subject"])
            _suggesting(self.fields["body"])

    def clean_email(self) -> str:
        return clean_address(self.cleaned_data.get("email") or "")

    def clean_attachments(self) -> list[UploadedFile]:
        return clean_files(self.cleaned_data.get("attachments") or [])

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("name") or "").split())


class SignInForm(forms.Form):
    email = _email()

    def clean_email(self) -> str:
        return clean_address(self.cleaned_data.get("email") or "")


class PortalTicketForm(forms.Form):
    """A new ticket from a signed-in client: they and their language are known."""

    subject = _subject()
    body = _body()
    attachments = _attachments()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _suggesting(self.fields["subject"])
        _suggesting(self.fields["body"])

    def clean_attachments(self) -> list[UploadedFile]:
        return clean_files(self.cleaned_data.get("attachments") or [])


class PortalAnswerForm(forms.Form):
    body = _body(_("your answer"))
    attachments = _attachments()

    def clean_attachments(self) -> list[UploadedFile]:
        return clean_files(self.cleaned_data.get("attachments") or [])


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("how happy are you with how we handled it?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("anything you would like to tell us?"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
