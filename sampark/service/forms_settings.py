"""The forms of Settings → Service: categories, business hours (a line of intervals per
weekday), days off, SLA policies with a row of targets per priority, queues and agents."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Tag
from sampark.core.forms import time_zone_choices
from sampark.core.models import User
from sampark.lib.countries import country_choices
from sampark.service.models import (
    AgentProfile,
    BusinessHours,
    Category,
    Priority,
    Queue,
    SlaPolicy,
)
from sampark.service.sla import week_of

# Monday first, as ``date.weekday()`` numbers them.
WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


class CategoryForm(forms.ModelForm[Category]):
    class Meta:
        model = Category
        fields = ["name", "description", "is_active"]

    def _post_clean(self) -> None:
        pass  # the actions check and write


def _intervals(text: str) -> list[list[str]]:
    """ "09:00-13:00, 14:00-18:00" → [["09:00", "13:00"], ["14:00", "18:00"]]."""
    found = []
    for part in text.replace("\N{EN DASH}", "-").split(","):  # people type either dash
        part = part.strip()
        if not part:
            continue
        start, sep, end = part.partition("-")
        if not sep:
            raise forms.ValidationError(_("Write each interval as 09:00-17:00."))
        found.append([start.strip(), end.strip()])
    return found


class BusinessHoursForm(forms.ModelForm[BusinessHours]):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)
    country = forms.ChoiceField(
        label=_("public holidays of"),
        choices=lambda: [("", _("None")), *country_choices()],
        required=False,
    )

    class Meta:
        model = BusinessHours
        fields = ["name", "time_zone", "country", "always_open", "is_default"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        week: dict[str, list[list[str]]] = self.instance.week or {}
        for day, label in enumerate(WEEKDAYS):
            shown = ", ".join(f"{start}-{end}" for start, end in week.get(str(day), []))
            self.fields[f"day_{day}"] = forms.CharField(
                label=label,
                required=False,
                initial=shown,
                help_text=_("Such as 09:00-13:00, 14:00-18:00; empty: closed.") if day == 0 else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        week: dict[str, list[list[str]]] = {}
        for day in range(7):
            try:
                intervals = _intervals(data.get(f"day_{day}", ""))
                week_of({str(day): intervals})  # each day's mistake said on its own line
            except forms.ValidationError as error:
                self.add_error(f"day_{day}", error)
            except (ValueError, TypeError) as error:
                self.add_error(f"day_{day}", str(error))
            else:
                if intervals:
                    week[str(day)] = intervals
        data["week"] = week
        return data

    def _post_clean(self) -> None:
        pass

    def action_values(self) -> dict[str, Any]:
        names = ("name", "time_zone", "country", "always_open", "is_default", "week")
        return {name: self.cleaned_data[name] for name in names}


class DayOffForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("name"), max_length=100, required=False)

    def clean_date(self) -> datetime.date:
        date: datetime.date = self.cleaned_data["date"]
        return date


class SlaPolicyForm(forms.ModelForm[SlaPolicy]):
    class Meta:
        model = SlaPolicy
        fields = [
            "name",
            "position",
            "is_active",
            "company",
            "client_tag",
            "category",
            "warn_minutes",
            "raise_priority",
            "escalate_to",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("company", Company.objects.order_by("name")),
            ("client_tag", Tag.objects.order_by("name")),
            ("category", Category.objects.order_by("name")),
            ("escalate_to", User.objects.filter(is_active=True).order_by("username")),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        policy = self.instance
        for priority, label in Priority.choices:
            target = policy.targets.filter(priority=priority).first() if policy.pk else None
            for kind, text in (
                ("first_response", _("first answer")),
                ("next_response", _("next answer")),
                ("resolution", _("solved")),
            ):
                self.fields[f"{kind}_{priority}"] = forms.IntegerField(
                    label=f"{label}: {text}",
                    min_value=1,
                    required=False,
                    initial=getattr(target, f"{kind}_minutes", None),
                    help_text=_("Minutes of business time; empty: no target."),
                )

    def _post_clean(self) -> None:
        pass

    def action_values(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "name",
                "position",
                "is_active",
                "warn_minutes",
                "raise_priority",
            )
        }
        for name in ("company", "client_tag", "category", "escalate_to"):
            values[f"{name}_id"] = data[name].pk if data[name] else None
        targets = [
            {
                "priority": priority,
                **{
                    f"{kind}_minutes": data.get(f"{kind}_{priority}")
                    for kind in ("first_response", "next_response", "resolution")
                },
            }
            for priority in Priority.values
        ]
        return values, targets


class QueueForm(forms.ModelForm[Queue]):
    class Meta:
        model = Queue
        fields = ["business_hours", "assignment"]

    def _post_clean(self) -> None:
        pass


class AgentProfileForm(forms.ModelForm[AgentProfile]):
    languages = forms.MultipleChoiceField(
        label=_("answers in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # At least one (someone who should get no chats is "away"); past fifty, nobody answers
    # them all well.
    max_chats = forms.IntegerField(
        label=_("live chats at once"),
        help_text=_("New chats stop going to them at this many."),
        min_value=1,
        max_value=50,
        required=False,
    )

    class Meta:
        model = AgentProfile
        fields = ["languages", "skills", "availability", "max_open_tickets", "max_chats"]
        widgets = {"skills": forms.CheckboxSelectMultiple}

    def clean_max_chats(self) -> int:
        # Left empty, or not sent at all (a form from before the field): the limit stays.
        value: int | None = self.cleaned_data.get("max_chats")
        return self.instance.max_chats if value is None else value

    def _post_clean(self) -> None:
        pass
