"""The segment rule builder's form: a rule written as flat form fields, read back into a rule,
and laid out for the template.

Every node of the rule has a path: the root group is ``r``, its third item ``r.2``, the first
item of a group there ``r.2.0``. A condition's inputs are named ``<path>.field``, ``.op``,
``.value`` (repeated for several choices), ``.high`` (the top of "between"), ``.days`` and
``.currency``; a group's is ``<path>.match``. Buttons named ``act`` add a condition or a group
to a group (``add:r.2``, ``group:r``) or remove a node (``remove:r.2.0``). Each change posts the
whole form and the server draws the builder again (htmx), so it keeps working without any
script of ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import ngettext

from sampark.contacts.conditions import ConditionField, Kind, Op, Rule, RuleError, check
from sampark.contacts.conditions.fields import IN_DAYS, NO_VALUE, OP_LABELS, available
from sampark.contacts.conditions.tree import MAX_DEPTH

ROOT = "r"
_PATH = re.compile(r"^r(\.\d{1,3})*$")
MAX_NODES = 80  # more inputs than this are not a rule anyone typed


def read(data: QueryDict) -> Rule:
    """The rule the form describes, as typed (not yet checked)."""
    nodes: dict[str, dict[str, Any]] = {}
    for name in data:
        path, _dot, attr = name.rpartition(".")
        if _PATH.match(path) and len(nodes) < MAX_NODES:
            nodes.setdefault(path, {})[attr] = data.getlist(name)
    fields = available()
    return _read_group(ROOT, nodes, fields)


def _children(path: str, nodes: Mapping[str, Any]) -> list[str]:
    prefix = f"{path}."
    direct = {p for p in nodes if p.startswith(prefix) and "." not in p[len(prefix) :]}
    return sorted(direct, key=lambda p: int(p.rpartition(".")[2]))


def _read_group(path: str, nodes: Mapping[str, dict[str, Any]], fields: Mapping[str, Any]) -> Rule:
    match = (nodes.get(path, {}).get("match") or ["all"])[0]
    items = []
    for child in _children(path, nodes):
        if "match" in nodes[child]:
            items.append(_read_group(child, nodes, fields))
        else:
            items.append(_read_condition(nodes[child], fields))
    return {"match": match, "conditions": items}


def _read_condition(inputs: dict[str, list[str]], fields: Mapping[str, ConditionField]) -> Rule:
    def first(name: str) -> str:
        return (inputs.get(name) or [""])[0].strip()

    key = first("field")
    condition: Rule = {"field": key, "op": first("op")}
    condition_field = fields.get(key)
    if condition_field is None:
        return condition
    if condition["op"] not in condition_field.operators:
        # The field was just changed: start from its first comparison.
        condition["op"] = condition_field.operators[0].value
    op = Op(condition["op"])
    if op not in NO_VALUE:
        kind = condition_field.kind
        if op is Op.BETWEEN:
            condition["value"] = [first("value"), first("high")]
        elif kind in (Kind.CHOICE, Kind.TAGS) and op not in IN_DAYS:
            condition["value"] = [v for v in inputs.get("value", []) if v.strip()]
        else:
            condition["value"] = first("value")
    if condition_field.takes_days and first("days"):
        condition["days"] = first("days")
    if condition_field.kind is Kind.TOTAL and first("currency"):
        condition["currency"] = first("currency")
    return condition


def apply(rule: Rule, act: str) -> Rule:
    """``rule`` with the builder's button ``act`` applied."""
    verb, _colon, path = act.partition(":")
    if not _PATH.match(path):
        return rule
    if verb == "remove" and path != ROOT:
        parent, _dot, index = path.rpartition(".")
        group = _node(rule, parent)
        if group is not None and int(index) < len(group["conditions"]):
            del group["conditions"][int(index)]
        return rule
    group = _node(rule, path)
    if group is None or "match" not in group:
        return rule
    if verb == "add":
        group["conditions"].append({"field": "", "op": ""})
    elif verb == "group" and path.count(".") + 2 <= MAX_DEPTH:
        group["conditions"].append({"match": "any", "conditions": [{"field": "", "op": ""}]})
    return rule


def _node(rule: Rule, path: str) -> Rule | None:
    node: Rule | None = rule
    for index in path.split(".")[1:]:
        items = node.get("conditions", []) if node else []
        node = items[int(index)] if int(index) < len(items) else None
    return node


def problems_by_path(
    error: RuleError | dict[str, list[str]], prefix: str = ""
) -> dict[str, dict[str, list[str]]]:
    """The rule engine's problems ("conditions.2.conditions.0.value") by builder node and input
    (``{"r.2.0": {"value": [...]}}``); ``prefix`` is stripped first (``rules.`` from actions)."""
    problems = error.problems if isinstance(error, RuleError) else error
    placed: dict[str, dict[str, list[str]]] = {}
    for key, messages in problems.items():
        key = key.removeprefix(prefix)
        parts = [] if key in ("rule", "") else key.split(".")
        path, attr = ROOT, "rule"
        while parts:
            if parts[0] == "conditions" and len(parts) > 1:
                path, parts = f"{path}.{parts[1]}", parts[2:]
            else:
                attr, parts = parts[0], []
        placed.setdefault(path, {}).setdefault(attr, []).extend(messages)
    return placed


def countable(rule: Rule) -> tuple[Rule, int]:
    """``rule`` checked, without the conditions not finished yet (for the live count), and how
    many were left out."""
    try:
        return check(rule), 0
    except RuleError as error:
        unfinished = set(problems_by_path(error))
    pruned, left_out = _prune(rule, ROOT, unfinished)
    try:
        return check(pruned), left_out
    except RuleError:
        return {"match": "all", "conditions": []}, left_out + 1


def _prune(rule: Rule, path: str, unfinished: set[str]) -> tuple[Rule, int]:
    kept, left_out = [], 0
    for index, item in enumerate(rule.get("conditions", [])):
        here = f"{path}.{index}"
        if "match" in item:
            group, inner = _prune(item, here, unfinished)
            left_out += inner
            if group["conditions"]:
                kept.append(group)
        elif here in unfinished:
            left_out += 1
        else:
            kept.append(item)
    match = "any" if rule.get("match") == "any" else "all"
    return {"match": match, "conditions": kept}, left_out


@dataclass
class Node:
    """One node of the builder, as the template draws it."""

    path: str
    depth: int
    errors: dict[str, list[str]]
    match: str = ""  # a group's
    children: list[Node] = field(default_factory=list)
    key: str = ""  # a condition's field
    op: str = ""
    values: list[str] = field(default_factory=list)
    high: str = ""
    days: str = ""
    currency: str = ""
    condition_field: ConditionField | None = None

    @property
    def is_group(self) -> bool:
        return bool(self.match)

    @property
    def can_nest(self) -> bool:
        return self.depth < MAX_DEPTH

    @property
    def value(self) -> str:
        return self.values[0] if self.values else ""

    @property
    def operators(self) -> list[tuple[str, str]]:
        if self.condition_field is None:
            return []
        return [(op.value, str(OP_LABELS[op])) for op in self.condition_field.operators]

    @property
    def choices(self) -> list[tuple[str, str]]:
        field_ = self.condition_field
        return field_.choices() if field_ is not None and field_.choices is not None else []

    @property
    def input(self) -> str:
        """Which value input to draw: none, days, between, choices, tags, number, date, text."""
        field_ = self.condition_field
        if field_ is None or not self.op:
            return "none"
        op = Op(self.op)
        if op in NO_VALUE:
            return "none"
        if op in IN_DAYS:
            return "days"
        if op is Op.BETWEEN:
            return "between"
        if field_.kind in (Kind.CHOICE, Kind.TAGS):
            return "choices" if field_.choices is not None else "tags"
        if field_.kind in (Kind.NUMBER, Kind.COUNT, Kind.TOTAL):
            return "number"
        if field_.kind is Kind.DATE:
            return "date"
        return "text"

    @property
    def takes_days(self) -> bool:
        return self.condition_field is not None and self.condition_field.takes_days

    @property
    def takes_currency(self) -> bool:
        return self.condition_field is not None and self.condition_field.kind is Kind.TOTAL


def layout(rule: Rule, problems: Mapping[str, dict[str, list[str]]] | None = None) -> Node:
    """The builder's nodes for ``rule`` (as typed), with ``problems`` placed on them."""
    return _layout(rule, ROOT, 1, available(), problems or {})


def _layout(
    rule: Rule,
    path: str,
    depth: int,
    fields: Mapping[str, ConditionField],
    problems: Mapping[str, dict[str, list[str]]],
) -> Node:
    match = "any" if rule.get("match") == "any" else "all"
    group = Node(path=path, depth=depth, errors=dict(problems.get(path, {})), match=match)
    for index, item in enumerate(rule.get("conditions", [])):
        here = f"{path}.{index}"
        if isinstance(item, dict) and "match" in item:
            group.children.append(_layout(item, here, depth + 1, fields, problems))
            continue
        value = item.get("value")
        values = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
        high = ""
        if item.get("op") == Op.BETWEEN and len(values) == 2:
            values, high = [values[0]], values[1]
        group.children.append(
            Node(
                path=here,
                depth=depth,
                errors=dict(problems.get(here, {})),
                key=item.get("field", ""),
                op=item.get("op", ""),
                values=[v for v in values if v],
                high=high,
                days=str(item.get("days") or ""),
                currency=str(item.get("currency") or ""),
                condition_field=fields.get(item.get("field", "")),
            )
        )
    return group


def field_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every field a rule may test, grouped for the builder's field menu."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, condition_field in available().items():
        groups.setdefault(str(condition_field.group), []).append((key, str(condition_field.label)))
    return list(groups.items())


def unfinished_note(left_out: int) -> str:
    if not left_out:
        return ""
    return ngettext(
        "Not counting %(n)d unfinished condition.",
        "Not counting %(n)d unfinished conditions.",
        left_out,
    ) % {"n": left_out}
