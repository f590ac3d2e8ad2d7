"""Canned responses: written once, offered in the ticket answer box and the live chat composer in
the client's language, and filled in for the ticket or chat at hand.

Placeholders are names in braces — ``{client_name}``, ``{ticket_number}``, ``{ticket_subject}``,
``{agent_name}`` — checked when a response is saved (a misspelt one would otherwise reach a
client as written) and replaced when it is inserted (``fill``). Every write is audited through
``core.records``.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.core.records import can, can_add, create_record, delete_record, update_record
from sampark.core.roles import Action
from sampark.service.models import CannedResponse, Ticket

PLACEHOLDERS = ("client_name", "ticket_number", "ticket_subject", "agent_name")
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


def check_placeholders(body: str) -> None:
    unknown = sorted({name for name in _PLACEHOLDER.findall(body) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            {
                "body": _("Unknown placeholders: %(names)s. Use %(known)s.")
                % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown),
                    "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
            }
        )


def create_canned(*, by: User, **values: Any) -> CannedResponse:
    if not can_add(by, CannedResponse):
        raise PermissionDenied(_("Your role does not allow adding canned responses."))
    check_placeholders(values.get("body", ""))
    with transaction.atomic():
        return create_record(CannedResponse, by=by, **values)


def update_canned(
    response: CannedResponse,
    *,
    by: User,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> CannedResponse:
    if not can(by, Action.CHANGE, response):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    check_placeholders(values.get("body", response.body))
    return update_record(response, by=by, values=values, expected_version=expected_version)


def delete_canned(response: CannedResponse, *, by: User) -> None:
    if not can(by, Action.DELETE, response):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    delete_record(response, by=by)


def offered(user: User, ticket: Ticket) -> list[CannedResponse]:
    """The responses ``user`` sees for ``ticket``: see ``offered_in``."""
    return offered_in(user, ticket.language)


def offered_in(user: User, language: str) -> list[CannedResponse]:
    """The responses ``user`` sees, one per name, by name: in ``language`` (the client's) when
    there is a variant in it, else in the user's, else any."""
    best: dict[str, CannedResponse] = {}
    preference = {language: 0, user.language: 1}
    for response in CannedResponse.objects.visible_to(user).order_by("name", "id"):
        current = best.get(response.name)
        rank = preference.get(response.language, 2)
        if current is None or rank < preference.get(current.language, 2):
            best[response.name] = response
    return list(best.values())


def filled(response: CannedResponse, ticket: Ticket, agent: User) -> str:
    """The response's text with its placeholders replaced for ``ticket``, answered by ``agent``."""
    return fill(
        response.body,
        client_name=ticket.requester.display_name if ticket.requester else "",
        agent_name=agent_name(agent),
        ticket_number=ticket.number,
        ticket_subject=ticket.subject,
    )


def agent_name(agent: User) -> str:
    """How a response names the agent who sends it."""
    return agent.get_full_name() or agent.get_username()


def fill(
    body: str,
    *,
    client_name: str,
    agent_name: str,
    ticket_number: str = "",
    ticket_subject: str = "",
) -> str:
    """``body`` with its placeholders replaced by these values.

    Where a placeholder has no value — the ticket's number or subject in a live chat, which has
    no ticket — it becomes empty text: the agent sees the gap in the message box before sending,
    whereas a placeholder left in would reach the client as written. A name that is no
    placeholder at all (saved before it was checked) stays as written.
    """
    values = {
        "client_name": client_name,
        "ticket_number": ticket_number,
        "ticket_subject": ticket_subject,
        "agent_name": agent_name,
    }
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), body)
