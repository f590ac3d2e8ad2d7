from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.marketing.models import Segment, SegmentKind
from sampark.marketing.models.segments import NAME_MAX_LENGTH


class SegmentForm(forms.Form):
    """A segment's name, description and (when it is built) kind; its rules come from the
    builder's own inputs (``sampark.marketing.builder``)."""

    name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who they are and how to talk to them, for colleagues."),
    )
    kind = forms.ChoiceField(
        label=_("Members"), choices=SegmentKind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: object, segment: Segment | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if segment is not None:
            del self.fields["kind"]  # fixed once built
            self.initial.update(name=segment.name, description=segment.description)
        else:
            self.initial.setdefault("kind", SegmentKind.DYNAMIC)


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the list"), max_length=NAME_MAX_LENGTH)
