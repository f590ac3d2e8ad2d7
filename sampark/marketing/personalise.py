"""Personalised text in a sandbox: what a marketing template may say about the contact it goes
to, and nothing more.

Templates are written in Jinja's syntax — ``Dear {{ contact.first_name | default("client") }}``,
``{% if contact.country == "BD" %}…{% endif %}`` — and rendered by Jinja's immutable sandbox,
which refuses attribute escapes (``__class__``, ``mro`` and the like) and changes to anything
passed in. On top of the sandbox, ``check`` refuses what a marketing text never needs and an
attacker would: loading other templates (include, import, extends), macros, calling methods,
and private or unknown names. The context is plain dictionaries of strings built here, never
model instances, so there is nothing behind a value to reach for.

A value the contact lacks is left out of the context rather than set to "", so Jinja's
``default`` filter gives the fallback: ``{{ contact.first_name | default("client") }}``.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.translation import gettext as _
from jinja2 import Template, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from sampark.contacts.models import Contact
from sampark.lib.locale_format import country_name

MAX_LENGTH = 20_000
# The names a template may use, each a dictionary of strings (see ``contact_context``; the
# next-best offer's and the survey links are added by compose.py for the templates that use
# them: ``{{ surveys.<key> }}`` is the contact's answer link, see sampark.marketing.surveys).
NAMES = ("contact", "adviser", "offer", "surveys")
_FORBIDDEN = {
    nodes.Extends: "extends",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "import",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.Call: "calls",
    # "x" * 10**9 would fill the memory of whoever renders it.
    nodes.Mul: "multiplication",
    nodes.Pow: "powers",
}

# No loader: a template cannot name another. Plain text: HTML is made (and escaped) afterwards.
_ENVIRONMENT = ImmutableSandboxedEnvironment(autoescape=False, loader=None)


class TemplateProblem(ValueError):
    """What is wrong with a template, in words for the person who wrote it."""


def check(source: str) -> list[str]:
    """Every problem with ``source``, in words; empty if it may be saved."""
    if len(source) > MAX_LENGTH:
        return [_("At most %(n)d characters.") % {"n": MAX_LENGTH}]
    try:
        tree = _ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        return [_("Line %(line)d: %(message)s") % {"line": error.lineno, "message": error.message}]
    problems = []
    for node_type, what in _FORBIDDEN.items():
        if any(True for _node in tree.find_all(node_type)):
            problems.append(_("Templates cannot use %(what)s.") % {"what": what})
    for name in _names_looked_up(tree):
        if name.startswith("_"):
            problems.append(_("“%(name)s” is not a field.") % {"name": name})
    if any(f.name == "attr" for f in tree.find_all(nodes.Filter)):
        problems.append(_("Templates cannot use %(what)s.") % {"what": "attr"})
    unknown = sorted(meta.find_undeclared_variables(tree) - set(NAMES))
    if unknown:
        problems.append(
            _("Unknown names: %(names)s. Use %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(f"{n}.…" for n in NAMES)}
        )
    return problems


def _names_looked_up(tree: nodes.Template) -> list[str]:
    """The attribute and key names the template reads (``contact.name``, ``contact["name"]``)."""
    names = [attribute.attr for attribute in tree.find_all(nodes.Getattr)]
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.arg, nodes.Const) and isinstance(item.arg.value, str):
            names.append(item.arg.value)
    return names


def render(source: str, context: dict[str, Any]) -> str:
    """``source`` filled in from ``context``; ``TemplateProblem`` if it cannot be."""
    try:
        return _compiled(source).render(context)
    except SecurityError:
        raise TemplateProblem(_("The template tried something it may not.")) from None
    except TemplateError as error:
        raise TemplateProblem(str(error)) from None


@functools.lru_cache(maxsize=256)
def uses(source: str, name: str) -> bool:
    """Whether ``source`` (a checked template) reads ``name``: what to put in its context."""
    try:
        return name in meta.find_undeclared_variables(_ENVIRONMENT.parse(source))
    except TemplateSyntaxError:
        return False


def attributes_of(source: str, name: str) -> set[str]:
    """The keys ``source`` reads of ``name`` (``{{ surveys.nps }}``, ``surveys["nps"]``)."""
    try:
        tree = _ENVIRONMENT.parse(source)
    except TemplateSyntaxError:
        return set()
    found = {
        attribute.attr
        for attribute in tree.find_all(nodes.Getattr)
        if isinstance(attribute.node, nodes.Name) and attribute.node.name == name
    }
    for item in tree.find_all(nodes.Getitem):
        if (
            isinstance(item.node, nodes.Name)
            and item.node.name == name
            and isinstance(item.arg, nodes.Const)
            and isinstance(item.arg.value, str)
        ):
            found.add(item.arg.value)
    return found


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """``source`` checked and compiled once: a campaign renders the same few texts for every
    client. (A problem found is raised, and not kept, so the words follow the language.)"""
    problems = check(source)
    if problems:
        raise TemplateProblem(" ".join(problems))
    return _ENVIRONMENT.from_string(source)


def contact_context(
    contact: Contact, adviser_name: str = "", adviser_email: str = ""
) -> dict[str, Any]:
    """What a template may say about ``contact`` and their adviser, without empty values."""
    given = contact.given_name or contact.display_name.split(" ")[0]
    values = {
        "first_name": given,
        "last_name": contact.family_name,
        "name": contact.display_name,
        "email": contact.email,
        "phone": contact.phone,
        "country": country_name(contact.country, contact.language),
        "country_code": contact.country,
        "language": contact.language,
    }
    adviser = {"name": adviser_name, "email": adviser_email}
    return {
        "contact": {key: value for key, value in values.items() if value},
        "adviser": {key: value for key, value in adviser.items() if value},
    }
