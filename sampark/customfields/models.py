"""Custom fields: the fields an admin adds to contacts, companies (and later deals, tickets).

Only the definitions live here. The values live on the record itself, in its ``custom`` JSON
column, keyed by the field's ``key``; see ``storage.py`` for why and how they stay indexed.
"""

from __future__ import annotations

from typing import Self

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Keys are written into SQL index expressions (see storage.py), so they are kept to a shape that
# can never need quoting: lower-case ASCII letters, digits and underscores.
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
validate_key = RegexValidator(
    KEY_PATTERN,
    _("Use lower-case English letters, digits and underscores, starting with a letter."),
)


class CustomObject(models.TextChoices):
    """The kinds of record that can carry custom fields."""

    CONTACT = "contact", _("Contacts")
    COMPANY = "company", _("Companies")


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    MONEY = "money", _("Money")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    MULTI_CHOICE = "multi_choice", _("Several choices")
    BOOLEAN = "boolean", _("Yes or no")
    URL = "url", _("Web address")


class CustomFieldQuerySet(models.QuerySet["CustomField"]):
    def for_object(self, obj: str) -> Self:
        return self.filter(object=obj)


class CustomField(models.Model):
    object = models.CharField(_("on"), max_length=16, choices=CustomObject.choices)
    key = models.CharField(
        _("key"),
        max_length=40,
        validators=[validate_key],
        help_text=_("The field's name in the API and in imports and exports. It cannot change."),
    )
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(_("type"), max_length=16, choices=FieldKind.choices)
    # For choice fields: [{"key": "high", "label": "High"}, ...], in the order they are offered.
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("For money fields: an ISO code.")
    )
    show_in_list = models.BooleanField(_("show as a column in lists"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = CustomFieldQuerySet.as_manager()

    class Meta:
        ordering = ["object", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["object", "key"], name="custom_field_key_per_object")
        ]
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")

    def __str__(self) -> str:
        return self.label

    @property
    def option_labels(self) -> dict[str, str]:
        return {option["key"]: option["label"] for option in self.options}

    @property
    def form_name(self) -> str:
        """The field's name in HTML forms and query strings, apart from the record's own."""
        return f"cf_{self.key}"
