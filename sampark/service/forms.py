"""The forms of the ticket pages: a new ticket, its fields, an answer or note, assignment,
merging, and the list's bulk changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.contacts.actions import split_tags
from sampark.contacts.forms import IdsField
from sampark.contacts.forms_timeline import MultipleFileField
from sampark.contacts.models import Contact, Transaction
from sampark.core.models import Team, User
from sampark.sales.forms import ContactChoiceField, RecordPicker, contact_choices, offered
from sampark.sales.models import Deal
from sampark.service.models import Category, MessageKind, Priority, Ticket, TicketStatus

# Related deals and transactions offered on a ticket: the client's newest.
RELATED_CHOICES = 50


def _attachments() -> MultipleFileField:
    return MultipleFileField(label=_("attachments"), required=False)


def _tags() -> forms.CharField:
    return forms.CharField(
        label=_("tags"), required=False, help_text=_("Separated by commas."), max_length=1000
    )


def _categories(ticket: Ticket | None = None) -> QuerySet[Category]:
    """The offered categories, and the ticket's own even if no longer offered."""
    offered_now = Category.objects.filter(is_active=True)
    if ticket is not None and ticket.category_id:
        offered_now = offered_now | Category.objects.filter(pk=ticket.category_id)
    return offered_now.order_by("name")


class NewTicketForm(forms.ModelForm[Ticket]):
    requester = ContactChoiceField(
        label=_("client"),
        queryset=Contact.objects.none(),
        widget=RecordPicker("sales:contact_options"),
    )
    body = forms.CharField(
        label=_("what they asked"), max_length=100_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    assignee = forms.ModelChoiceField(
        label=_("assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
    )
    tags = _tags()
    attachments = _attachments()

    class Meta:
        model = Ticket
        fields = ["requester", "subject", "channel", "priority", "category", "team", "language"]
        labels = {"team": _("queue")}

    def __init__(self, user: User, assignees: QuerySet[User], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        requester = self.fields["requester"]
        assert isinstance(requester, forms.ModelChoiceField)
        requester.queryset = Contact.objects.visible_to(user)
        picked = self.data.get("requester") if self.is_bound else self.initial.get("requester")
        current = None
        if str(picked or "").isdigit():
            current = requester.queryset.filter(pk=int(str(picked))).first()
        requester.widget.choices = offered(contact_choices(user), current, "display_name")
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = assignees
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = _categories()
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.empty_label = _("The assignee's or my team")

    def _post_clean(self) -> None:
        # The actions validate and write the ticket; the form only reads the fields.
        pass

    def action_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["tags"] = split_tags(values.pop("tags", ""))
        if values.get("team") is None:
            values.pop("team", None)
        return values


class TicketForm(forms.ModelForm[Ticket]):
    """A ticket's own fields, as its owner changes them."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = _tags()

    class Meta:
        model = Ticket
        fields = [
            "subject",
            "status",
            "priority",
            "category",
            "team",
            "language",
            "deal",
            "transaction",
            "root_cause",
            "fix",
        ]
        labels = {"team": _("queue")}
        widgets = {
            "root_cause": forms.Textarea(attrs={"rows": 3}),
            "fix": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ticket = self.instance
        category = self.fields["category"]
        deal = self.fields["deal"]
        transaction = self.fields["transaction"]
        assert isinstance(category, forms.ModelChoiceField)
        assert isinstance(deal, forms.ModelChoiceField)
        assert isinstance(transaction, forms.ModelChoiceField)
        category.queryset = _categories(ticket)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        if ticket.team_id is not None:
            # Out of every queue, a ticket would drop out of its team's sight.
            team.required, team.empty_label = True, None
        # What a ticket may relate to: the client's own deals and transactions the user sees.
        client = ticket.requester_id or 0
        deals = Deal.objects.visible_to(user).filter(contact_id=client).order_by("-created_at")
        deal.queryset = deals
        deal.choices = [("", "—"), *((d.pk, d.name) for d in deals[:RELATED_CHOICES])]
        moves = Transaction.objects.visible_to(user).filter(contact_id=client)
        transaction.queryset = moves
        transaction.choices = [
            ("", "—"),
            *((t.pk, str(t)) for t in moves.order_by("-occurred_at")[:RELATED_CHOICES]),
        ]
        if not self.is_bound:
            self.initial["version"] = ticket.version
            self.initial["tags"] = ", ".join(t.name for t in ticket.tags.all())

    def _post_clean(self) -> None:
        pass

    def action_values(self) -> tuple[dict[str, Any], list[str]]:
        """The values for ``update_ticket`` and the tags."""
        values = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "tags")}
        return values, split_tags(self.cleaned_data.get("tags", ""))


class AnswerForm(forms.Form):
    """The box under a ticket's thread: a public reply to the client, or an internal note."""

    kind = forms.ChoiceField(
        label=_("as"),
        choices=[(MessageKind.REPLY, _("Reply to the client")), (MessageKind.NOTE, _("Note"))],
        initial=MessageKind.REPLY,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("message"), max_length=100_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    status = forms.ChoiceField(
        label=_("then set the status to"),
        choices=[("", _("Leave it as it is")), *TicketStatus.choices],
        required=False,
    )
    attachments = _attachments()

    def __init__(self, *args: Any, may_reply: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_reply:
            # Whoever may only note gets the note alone; the server checks again anyway.
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [(MessageKind.NOTE, _("Note"))]
            kind.initial = MessageKind.NOTE
            del self.fields["status"]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("assignee"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    team = forms.ModelChoiceField(
        label=_("queue"), queryset=Team.objects.all(), required=False, empty_label=_("Keep it")
    )

    def __init__(self, assignees: QuerySet[User], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = assignees


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("merge into ticket number"), min_value=1, help_text=_("Such as 1234.")
    )


class TicketBulkForm(forms.Form):
    """The tickets ticked on the list and what to change on them."""

    ids = IdsField()
    all_on_page = forms.BooleanField(required=False)
    page_ids = IdsField()
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("Status…")), *TicketStatus.choices], required=False
    )
    priority = forms.TypedChoiceField(
        label=_("priority"),
        choices=[("", _("Priority…")), *Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    assignee = forms.ModelChoiceField(
        label=_("assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Assignee…"),
    )

    def __init__(self, assignees: QuerySet[User], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = assignees

    def selected(self) -> list[int]:
        ids: list[int] = list(self.cleaned_data.get("ids") or [])
        if self.cleaned_data.get("all_on_page"):
            ids += self.cleaned_data.get("page_ids") or []
        return list(dict.fromkeys(ids))

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("status", "priority", "assignee")
            if self.cleaned_data.get(name) not in (None, "")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not self.selected():
            raise forms.ValidationError(_("Choose at least one ticket first."))
        if not self.changes():
            raise forms.ValidationError(_("Choose what to change on them."))
        return data
