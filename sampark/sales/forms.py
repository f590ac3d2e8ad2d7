"""Deal input for the web pages: the deal form, moving, losing, and the list's and board's
filters. Every bad value is a field error (never a 500); the actions check again."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact
from sampark.contacts.models.transactions import validate_currency
from sampark.core.models import User
from sampark.sales.currency import base_currency
from sampark.sales.lists import (
    ANY_STATUS,
    DEAL_SORTS,
    DEFAULT_SORT,
    OWNER_SCOPES,
    DealFilters,
)
from sampark.sales.models import Deal, DealStatus, LostReason, Pipeline, Stage

# A picker lists this many records before the user types; typing finds any other (htmx).
PICKER_SIZE = 100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RecordPicker(forms.Select):
    """A select of records with a search box above it: typing asks ``options_url`` for the
    matching records' options (htmx). Without script, the select offers the first ones."""

    template_name = "sales/widgets/record_picker.html"

    def __init__(self, options_url_name: str) -> None:
        super().__init__()
        self.options_url_name = options_url_name

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["options_url"] = reverse(self.options_url_name)
        return context


class ContactChoiceField(forms.ModelChoiceField[Contact]):
    def label_from_instance(self, obj: Contact) -> str:
        return obj.display_name


def contact_choices(user: User, q: str = "") -> QuerySet[Contact]:
    from sampark.contacts import search

    found = search.narrow(Contact.objects.visible_to(user), q)
    return found.order_by("display_name", "id").only("display_name")


def company_choices(user: User, q: str = "") -> QuerySet[Company]:
    from sampark.contacts import search

    return search.narrow(Company.objects.visible_to(user), q).order_by("name", "id").only("name")


def offered[R: Contact | Company](
    records: QuerySet[R], current: R | None, label: str
) -> list[tuple[Any, str]]:
    """The picker's options: none, the current record, then the first others."""
    first = list(records[:PICKER_SIZE])
    if current is not None and current not in first:
        first.insert(0, current)
    return [("", str(_("None"))), *((r.pk, str(getattr(r, label))) for r in first)]


def stage_choices(pipelines: QuerySet[Pipeline]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Stages grouped by pipeline, in order, for a select's option groups."""
    stages = Stage.objects.filter(pipeline__in=pipelines).select_related("pipeline")
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for stage in stages.order_by("pipeline__position", "pipeline_id", "position", "id"):
        groups.setdefault(stage.pipeline_id, (stage.pipeline.name, []))[1].append(
            (stage.pk, stage.name)
        )
    return list(groups.values())


class DealForm(forms.ModelForm[Deal]):
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    amount = forms.DecimalField(
        label=_("amount"), max_digits=18, decimal_places=2, min_value=0, initial=0
    )
    contact = ContactChoiceField(
        label=_("contact"),
        queryset=Contact.objects.none(),
        required=False,
        widget=RecordPicker("sales:contact_options"),
    )
    company = forms.ModelChoiceField(
        label=_("company"),
        queryset=Company.objects.none(),
        required=False,
        widget=RecordPicker("sales:company_options"),
    )

    class Meta:
        model = Deal
        fields = [
            "name",
            "pipeline",
            "stage",
            "amount",
            "currency",
            "expected_close",
            "contact",
            "company",
            "forecast_category",
            "next_step",
            "source",
            "description",
        ]
        widgets = {
            "expected_close": DateInput(),
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"currency": _("Three letters, such as BDT, INR or USD.")}

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deal = self.instance if self.instance.pk else None
        # New deals go into active pipelines only; a deal keeps the one it is in.
        active = Q(is_active=True) | (Q(pk=deal.pipeline_id) if deal else Q(pk__in=[]))
        pipelines = Pipeline.objects.filter(active)
        pipeline = self.fields["pipeline"]
        stage = self.fields["stage"]
        contact = self.fields["contact"]
        company = self.fields["company"]
        assert isinstance(pipeline, forms.ModelChoiceField)
        assert isinstance(stage, forms.ModelChoiceField)
        assert isinstance(contact, forms.ModelChoiceField)
        assert isinstance(company, forms.ModelChoiceField)
        pipeline.queryset = pipelines
        pipeline.empty_label = None
        stage.queryset = Stage.objects.filter(pipeline__in=pipelines)
        stage.choices = stage_choices(pipelines)
        # Checked against every record the user may see; offered: the first ones by name.
        contact.queryset = Contact.objects.visible_to(user)
        company.queryset = Company.objects.visible_to(user)
        contact.widget.choices = offered(
            contact_choices(user), self._current(Contact, "contact", deal), "display_name"
        )
        company.widget.choices = offered(
            company_choices(user), self._current(Company, "company", deal), "name"
        )
        self.fields["currency"].initial = base_currency()
        if deal is not None and not self.is_bound:
            self.initial["version"] = deal.version

    def _current[R: Contact | Company](
        self, model: type[R], name: str, deal: Deal | None
    ) -> R | None:
        """The record the field holds now (the deal's, or a prefilled one), if the user may
        see it; so it is among the options even when it is not among the first ones."""
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        if value is None and deal is not None:
            value = getattr(deal, f"{name}_id")
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        assert field.queryset is not None
        if isinstance(value, model):
            value = value.pk
        try:
            found: R | None = field.queryset.filter(pk=int(value)).first() if value else None
        except (TypeError, ValueError):
            return None
        return found

    def clean_currency(self) -> str:
        currency = str(self.cleaned_data.get("currency", "")).strip().upper()
        validate_currency(currency)
        return currency

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        pipeline, stage = cleaned.get("pipeline"), cleaned.get("stage")
        if pipeline and stage and stage.pipeline_id != pipeline.pk:
            self.add_error("stage", _("Choose a stage of the deal's pipeline."))
        return cleaned

    def _post_clean(self) -> None:
        # The actions validate the deal (and keep amount_base and the stage history in step);
        # the form does not write onto the instance, so a refused change leaves it as it was.
        pass

    def action_values(self) -> dict[str, Any]:
        """The cleaned data as ``create_deal`` / ``update_deal`` take it."""
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}


class MoveForm(forms.Form):
    """ "Move to…" on a card, and the board's drag and drop: a stage of the deal's pipeline."""

    stage = forms.ModelChoiceField(label=_("move to"), queryset=Stage.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, deal: Deal, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ModelChoiceField)
        stage.queryset = deal.pipeline.stages.all()


class VersionForm(forms.Form):
    """Win or reopen: only the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


OTHER_REASON = "other"


class LoseForm(forms.Form):
    reason = forms.ChoiceField(label=_("reason"), required=False)
    other = forms.CharField(
        label=_("other reason"),
        max_length=100,
        required=False,
        help_text=_("In your own words, if none of the reasons fits."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list(LostReason.objects.filter(is_active=True).values_list("name", flat=True))
        reason = self.fields["reason"]
        assert isinstance(reason, forms.ChoiceField)
        if names:
            reason.choices = [
                ("", _("Choose a reason…")),
                *((name, name) for name in names),
                (OTHER_REASON, _("Another reason")),
            ]
        else:
            del self.fields["reason"]
            self.fields["other"].label = _("reason")
            self.fields["other"].help_text = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("reason", OTHER_REASON) or ""
        other = (cleaned.get("other") or "").strip()
        if chosen and chosen != OTHER_REASON:
            cleaned["lost_reason"] = chosen
        elif other:
            cleaned["lost_reason"] = other
        elif "reason" in self.fields and not chosen:
            self.add_error("reason", _("Choose why the deal was lost."))
        else:
            self.add_error("other", _("Say why the deal was lost."))
        return cleaned


STATUS_CHOICES = [
    ("", _("Open deals")),
    (DealStatus.WON, _("Won deals")),
    (DealStatus.LOST, _("Lost deals")),
    (ANY_STATUS, _("Any status")),
]


class DealFilterForm(forms.Form):
    """The deal list's and the board's filters. A bad value is reported on its field and that
    filter left out; the others still apply."""

    q = forms.CharField(label=_("name"), required=False, max_length=200)
    pipeline = forms.ModelChoiceField(
        label=_("pipeline"),
        queryset=Pipeline.objects.all(),
        required=False,
        empty_label=_("Every pipeline"),
    )
    stage = forms.ModelChoiceField(
        label=_("stage"), queryset=Stage.objects.all(), required=False, empty_label=_("Any stage")
    )
    status = forms.ChoiceField(label=_("status"), choices=STATUS_CHOICES, required=False)
    owner = forms.ChoiceField(label=_("owner"), choices=OWNER_SCOPES, required=False)
    close_from = forms.DateField(label=_("closing from"), required=False, widget=DateInput())
    close_to = forms.DateField(label=_("closing until"), required=False, widget=DateInput())
    # Set by the links of a contact's or company's deals, not offered as controls.
    contact = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    company = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    sort = forms.ChoiceField(
        label=_("sort by"),
        choices=[(key, label) for key, (label, _ordering) in DEAL_SORTS.items()],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [("", _("Any stage")), *stage_choices(Pipeline.objects.all())]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("close_from"), cleaned.get("close_to")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            self.add_error("close_to", _("Choose a date on or after the first one."))
        return cleaned

    def filters(self) -> DealFilters:
        """The filters that are valid (a form not validated yet is validated here)."""
        self.is_valid()
        data = self.cleaned_data
        pipeline, stage = data.get("pipeline"), data.get("stage")
        return DealFilters(
            q=data.get("q") or "",
            pipeline=pipeline.pk if pipeline else None,
            stage=stage.pk if stage else None,
            status=data.get("status") or DealStatus.OPEN,
            owner=data.get("owner") or "",
            close_from=data.get("close_from"),
            close_to=data.get("close_to"),
            contact=data.get("contact"),
            company=data.get("company"),
            sort=data.get("sort") or DEFAULT_SORT,
        )
