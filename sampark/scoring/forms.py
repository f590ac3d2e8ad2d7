"""The rule form of Settings → Lead scoring. A model form for the labels, limits and the
rule's own checks (models.checked_value: the condition must suit what the rule looks at, and
the value must be one it can take); it never saves: the views hand ``cleaned_data`` to the
actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.scoring.models import MAX_POINTS, ScoringRule


class RuleForm(forms.ModelForm[ScoringRule]):
    class Meta:
        model = ScoringRule
        fields = ["field", "operator", "value", "points", "name", "is_active"]
        widgets = {"points": forms.NumberInput(attrs={"min": -MAX_POINTS, "max": MAX_POINTS})}
        help_texts = {
            "value": _(
                "What the lead's value is compared with: a word to find in a text, a source or "
                "status by its name, a country code such as BD, yes or no, or a number. Left "
                "out for “is given” and “is not given”."
            ),
        }
