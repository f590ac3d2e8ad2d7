"""Database constraints that report a clash as the error of the field it concerns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class UniqueWhenSet(models.UniqueConstraint):
    """``field`` is unique among the rows where it is not empty (an external ID, say).

    Django reports a conditional unique constraint as an error of the whole record; forms and
    the API want it beside the field, as for any other bad value.
    """

    def __init__(self, *, field: str, name: str, violation_error_message: Any = None) -> None:
        super().__init__(
            fields=[field],
            condition=~Q(**{field: ""}),
            name=name,
            violation_error_message=violation_error_message,
        )

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: Any = None) -> None:
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.fields[0]: error.error_list}) from None

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs = {
            "field": kwargs["fields"][0],
            "name": kwargs["name"],
            **(
                {"violation_error_message": kwargs["violation_error_message"]}
                if "violation_error_message" in kwargs
                else {}
            ),
        }
        return path, args, kwargs


class UniqueTogetherOnField(models.UniqueConstraint):
    """``fields`` unique together, a clash reported as the error of ``report_on``: the one of
    them a person would change (a slug unique per language is the slug's error, not the
    record's)."""

    def __init__(self, *, fields: Sequence[str], report_on: str, **kwargs: Any) -> None:
        super().__init__(fields=fields, **kwargs)
        self.report_on = report_on

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: Any = None) -> None:
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.report_on: error.error_list}) from None

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "report_on": self.report_on}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UniqueTogetherOnField)
            and self.report_on == other.report_on
            and super().__eq__(other)
        )
