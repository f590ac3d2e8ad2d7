"""Keyset ("cursor") pagination of any ordered QuerySet, for the web pages and the API alike.

A page ends with a cursor holding the last row's ordering values plus its primary key; the next
page is the rows strictly after that key, in the same order. Unlike offsets, a row added or
removed meanwhile neither repeats nor skips a row, and page 1000 costs what page 1 does.

The QuerySet's own ordering (``order_by`` or ``Meta.ordering``) is kept; the primary key is
added as the tie-breaker, so any mix of ascending and descending plain fields works.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import hashlib
import json
import operator
import uuid
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest


class InvalidCursor(ValueError):
    """The cursor was not made by this list (or was altered)."""


@dataclass(frozen=True)
class Key:
    """One column of the keyset: an ORM path, its direction, and the model field behind it."""

    path: str
    descending: bool
    field: models.Field[Any, Any] | None  # None for an annotation

    @property
    def nullable(self) -> bool:
        return self.field is None or self.field.null

    def order_by(self) -> OrderBy:
        # NULLs are put explicitly after every value (ascending) or before it (descending):
        # databases disagree on the default, and the WHERE below must agree with the ORDER BY.
        expression = F(self.path)
        if self.descending:
            return expression.desc(nulls_first=True if self.nullable else None)
        return expression.asc(nulls_last=True if self.nullable else None)

    def signature(self) -> str:
        return f"-{self.path}" if self.descending else self.path


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def ordering_keys(queryset: QuerySet[Any]) -> list[Key]:
    """The QuerySet's ordering as keys, with the primary key appended as the tie-breaker."""
    query = queryset.query
    model = queryset.model
    if query.order_by:
        ordering: list[Any] = list(query.order_by)
    elif query.default_ordering:
        ordering = list(model._meta.ordering)
    else:
        ordering = []
    keys = [_key(model, item) for item in ordering]
    pk = model._meta.pk
    assert pk is not None
    if not any(key.path in ("pk", pk.attname, pk.name) for key in keys):
        keys.append(Key(pk.attname, descending=False, field=pk))
    return keys


def _key(model: type[models.Model], item: Any) -> Key:
    if isinstance(item, str):
        descending = item.startswith("-")
        path = item.lstrip("-+")
    elif isinstance(item, F):
        descending, path = False, _f_name(item)
    elif isinstance(item, OrderBy) and isinstance(item.expression, F):
        descending, path = item.descending, _f_name(item.expression)
    else:
        raise TypeError(f"Keyset pagination orders by field names only, not {item!r}.")
    if path == "?":
        raise TypeError("Keyset pagination cannot page through a random order.")
    return _resolve(model, path, descending)


def _f_name(expression: F) -> str:
    _path, args, _kwargs = expression.deconstruct()
    return str(args[0])


def _resolve(model: type[models.Model], path: str, descending: bool) -> Key:
    parts = path.split("__")
    current: type[models.Model] = model
    field: Any = None
    for index, part in enumerate(parts):
        if part == "pk":
            part = current._meta.pk.name
            parts[index] = part
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            if index == 0:
                return Key(path, descending, None)  # an annotation: compared as it is
            raise TypeError(f"Cannot page by {path!r}: {part!r} is not a field.") from None
        if field.many_to_many or field.one_to_many:
            raise TypeError(f"Cannot page by {path!r}: it crosses a to-many relation.")
        if field.is_relation and index < len(parts) - 1:
            current = field.related_model
    if field.is_relation:
        # Ordering by a foreign key means the related model's ordering in Django; the keyset
        # needs one comparable column, so it pages by the key itself.
        parts[-1] = field.attname
    return Key("__".join(parts), descending, field)


def _value(row: Any, path: str) -> Any:
    value = row
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"Cannot put a {type(value).__name__} in a cursor.")


def _signature(keys: list[Key]) -> str:
    # Ties a cursor to the ordering it was made for, without spelling out column names.
    text = ",".join(key.signature() for key in keys)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def encode_cursor(keys: list[Key], row: Any) -> str:
    payload = {"o": _signature(keys), "v": [_jsonable(_value(row, key.path)) for key in keys]}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(keys: list[Key], cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise InvalidCursor("not base64 JSON") from error
    if not isinstance(payload, dict) or payload.get("o") != _signature(keys):
        raise InvalidCursor("made for another ordering")
    values = payload.get("v")
    if not isinstance(values, list) or len(values) != len(keys):
        raise InvalidCursor("wrong number of values")
    try:
        return [
            value if value is None or key.field is None else key.field.to_python(value)
            for key, value in zip(keys, values, strict=True)
        ]
    except (DjangoValidationError, TypeError, ValueError) as error:
        raise InvalidCursor("a value does not fit its field") from error


def _equal(key: Key, value: Any) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def _beyond(key: Key, value: Any) -> Q | None:
    """Rows strictly after ``value`` in this key's order (NULLs last ascending, first descending)."""
    if value is None:
        # Ascending, NULLs come last: nothing is beyond. Descending, every value is.
        return None if not key.descending else Q(**{f"{key.path}__isnull": False})
    beyond = Q(**{f"{key.path}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and not key.descending:
        beyond |= Q(**{f"{key.path}__isnull": True})
    return beyond


def after(keys: list[Key], values: list[Any]) -> Q | None:
    """``(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …``, each comparison in its key's direction.

    ``None`` when no row can come after the given values.
    """
    terms: list[Q] = []
    for index, key in enumerate(keys):
        beyond = _beyond(key, values[index])
        if beyond is not None:
            same = [_equal(k, v) for k, v in zip(keys[:index], values[:index], strict=True)]
            terms.append(reduce(operator.and_, [*same, beyond]))
    return reduce(operator.or_, terms) if terms else None


def keyset_page(queryset: QuerySet[Any], *, cursor: str | None, limit: int) -> Page:
    """One page of ``queryset`` after ``cursor``; raises ``InvalidCursor`` for a foreign one."""
    keys = ordering_keys(queryset)
    queryset = queryset.order_by(*(key.order_by() for key in keys))
    if cursor:
        condition = after(keys, decode_cursor(keys, cursor))
        queryset = queryset.filter(condition) if condition is not None else queryset.none()
    rows = list(queryset[: limit + 1])  # one more than asked tells whether a next page exists
    items = rows[:limit]
    more = len(rows) > limit
    return Page(items, encode_cursor(keys, items[-1]) if more and items else None)


def page_url(request: HttpRequest, cursor: str | None) -> str:
    """The request's list URL with all its filters, at the page after ``cursor`` (or the first)."""
    params = request.GET.copy()
    params.pop("cursor", None)
    if cursor:
        params["cursor"] = cursor
    return f"{request.path}?{params.urlencode()}"
