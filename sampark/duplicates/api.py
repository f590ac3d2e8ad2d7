"""Possible duplicates and merges over the REST API, as thin as the pages: the same access
rules (a record you may not see is 404), the same actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.api import ContactOut, with_related
from sampark.contacts.api_companies import CompanyOut
from sampark.contacts.models import Company, Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.records import access_record
from sampark.core.roles import Action
from sampark.duplicates import actions
from sampark.duplicates.access import access_merge, access_pair
from sampark.duplicates.models import Merge, Pair, PairQuerySet, RecordKind
from sampark.duplicates.reasons import describe

router = Router(tags=["duplicates"])


class RecordRef(Schema):
    id: int
    name: str


class ReasonOut(Schema):
    code: str = Field(
        description="email, phone, external_id, domain, name, company_name, same_company, "
        "same_town or same_email_name."
    )
    message: str = Field(description="The reason in words, in your language.")
    value: str | None = Field(None, description="The email, phone or domain they share.")
    score: int | None = Field(None, description="How alike the names are, 0-100.")


class PairOut(Schema):
    id: int
    kind: str = Field(description="contact or company.")
    score: int = Field(description="0-100; 100 for a shared email, phone, external ID or domain.")
    status: str = Field(description="open, dismissed or merged.")
    a: RecordRef
    b: RecordRef
    reasons: list[ReasonOut]
    found_at: datetime

    @staticmethod
    def resolve_a(pair: Pair) -> RecordRef:
        return RecordRef(id=pair.a_id, name=getattr(pair, "a_name", "") or "")

    @staticmethod
    def resolve_b(pair: Pair) -> RecordRef:
        return RecordRef(id=pair.b_id, name=getattr(pair, "b_name", "") or "")

    @staticmethod
    def resolve_reasons(pair: Pair) -> list[ReasonOut]:
        return [
            ReasonOut(
                code=r["code"],
                message=describe(r),
                value=r.get("value"),
                score=r.get("score"),
            )
            for r in pair.reasons
        ]


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    winner: int = Field(description="The record that is kept.")
    losers: list[int] = Field(
        min_length=1, max_length=9, description="The records merged into it, then deleted."
    )
    fields: dict[str, int] = Field(
        {},
        description="For a field whose values differ, the id of the record whose value wins "
        "(custom fields as `custom.<key>`); by default the winner's if it has one, else the "
        "first record's that does. Emails, phones, tags and addresses are united.",
    )


class MergeOut(Schema):
    id: int
    kind: str
    winner: int
    losers: list[int]
    merged_at: datetime
    undone_at: datetime | None
    undo_refusal: str | None = Field(description="Why it cannot be undone now; null if it can.")

    @staticmethod
    def resolve_winner(merge: Merge) -> int:
        return merge.winner_id

    @staticmethod
    def resolve_losers(merge: Merge) -> list[int]:
        return list(merge.loser_ids)

    @staticmethod
    def resolve_merged_at(merge: Merge) -> datetime:
        return merge.at

    @staticmethod
    def resolve_undo_refusal(merge: Merge) -> str | None:
        return actions.undo_refusal(merge)


class ContactMergeOut(Schema):
    merge: MergeOut
    contact: ContactOut


class CompanyMergeOut(Schema):
    merge: MergeOut
    company: CompanyOut


@router.get(
    "/duplicates",
    response={200: list[PairOut], **documented(401, 422)},
    description="Open possible duplicates whose two records you may see, best score first.",
)
@paginate(KeysetPagination)
def list_pairs(request: HttpRequest, kind: str = RecordKind.CONTACT) -> PairQuerySet:
    """`kind`: contact or company."""
    if kind not in RecordKind.values:
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; see fields."),
            fields={"kind": [_("Use contact or company.")]},
        )
    return Pair.objects.open_for(current_user(request), kind)


@router.post(
    "/duplicates/{int:pair_id}/dismiss",
    response={200: PairOut, **documented(401, 403, 404)},
    description="Not a duplicate: the pair is never proposed again. Needs the right to change "
    "at least one of the two records.",
)
def dismiss_pair(request: HttpRequest, pair_id: int) -> Pair:
    user = current_user(request)
    pair, a, b = access_pair(user, pair_id, Action.CHANGE)
    pair = actions.dismiss_pair(pair, by=user)
    pair.a_name, pair.b_name = str(a), str(b)  # type: ignore[attr-defined]
    return pair


def _group[T: (Contact, Company)](
    request: HttpRequest, model: type[T], payload: MergeIn
) -> tuple[T, list[T]]:
    user = current_user(request)
    winner = access_record(user, model, payload.winner, Action.CHANGE)
    losers = [access_record(user, model, pk, Action.DELETE) for pk in payload.losers]
    return winner, losers


@router.post(
    "/contacts/merge",
    response={200: ContactMergeOut, **documented(401, 403, 404, 409, 422)},
    description="Merge contacts: every interaction, transaction, task, comment, follower, "
    "company link and referral of the losers moves to the winner, the losers are deleted, and "
    "the merge can be undone for 30 days. Needs the right to change the winner and to delete "
    "each loser.",
)
def merge_contacts(request: HttpRequest, payload: MergeIn) -> dict[str, Any]:
    winner, losers = _group(request, Contact, payload)
    merge = actions.merge_contacts(winner, losers, choices=payload.fields, by=current_user(request))
    contact = with_related(Contact.objects.filter(pk=winner.pk), current_user(request)).get()
    return {"merge": merge, "contact": contact}


@router.post(
    "/companies/merge",
    response={200: CompanyMergeOut, **documented(401, 403, 404, 409, 422)},
    description="Merge companies, as contacts are merged: their people, interactions, tasks, "
    "comments, followers and subsidiaries move to the winner.",
)
def merge_companies(request: HttpRequest, payload: MergeIn) -> dict[str, Any]:
    winner, losers = _group(request, Company, payload)
    merge = actions.merge_companies(
        winner, losers, choices=payload.fields, by=current_user(request)
    )
    company = Company.objects.prefetch_related("tags", "addresses").get(pk=winner.pk)
    return {"merge": merge, "company": company}


@router.get("/merges/{int:merge_id}", response={200: MergeOut, **documented(401, 404)})
def get_merge(request: HttpRequest, merge_id: int) -> Merge:
    merge, _winner = access_merge(current_user(request), merge_id)
    return merge


@router.post(
    "/merges/{int:merge_id}/undo",
    response={200: MergeOut, **documented(401, 403, 404, 409)},
    description="Undo a merge: the losers come back with their ids and values, the records "
    "that moved go back, and the winner gets its previous values. Refused (409) once the "
    "winner was changed or deleted, or after 30 days.",
)
def undo_merge(request: HttpRequest, merge_id: int) -> Merge:
    user = current_user(request)
    merge, winner = access_merge(user, merge_id)
    if winner is None:
        refusal = actions.undo_refusal(merge) or _("The merged record is gone.")
        raise ApiError(409, "undo_refused", refusal)
    try:
        return actions.undo_merge(merge, by=user)
    except actions.UndoRefused as error:
        raise ApiError(409, "undo_refused", str(error)) from None
