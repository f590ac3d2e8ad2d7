"""Imports over the REST API, mounted at ``/imports``:

- ``POST /imports`` — upload a file (multipart/form-data: ``file``, ``object``, and optionally
  ``format``, ``encoding``, ``delimiter``); the answer holds the columns and the suggested
  mapping. With ``start=check`` or ``start=run`` it goes straight on with that mapping.
- ``GET /imports`` and ``GET /imports/{id}`` — status, progress and counts;
- ``PUT /imports/{id}/mapping`` — the mapping and options (422 names each bad column);
- ``POST /imports/{id}/check``, ``/run``, ``/undo`` — start the dry run, the import, the undo;
- ``GET /imports/{id}/report`` — the rejected and duplicate rows with their reasons, paged;
- ``GET /imports/{id}/errors`` — the same as a CSV file to fix and upload again.

An import is its author's (admins see everyone's); another user's is "not found".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from sampark.core import audit
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.models import Channel
from sampark.imports import actions, reports
from sampark.imports.models import Import, ImportProblem

router = Router(tags=["imports"])


class ImportOut(Schema):
    id: int
    object: str = Field(description="contacts, companies, activities, transactions or leads.")
    filename: str
    format: str = Field(description="csv, xlsx, vcard or jsonl, as read.")
    encoding: str = Field(description="The text encoding used, detected unless chosen.")
    columns: list[str] = Field(description="The file's columns, in order.")
    mapping: dict[str, str] = Field(description="Column -> field key; unmapped are ignored.")
    match_on: str
    existing: str = Field(description="update or skip: what rows matching a record do.")
    all_or_nothing: bool
    default_country: str = Field(description="Country of rows that name none, or empty.")
    status: str
    rows_estimate: int | None = Field(description="Roughly how many rows the file has.")
    rows_done: int = Field(description="Rows imported so far (the last committed row).")
    counts: dict[str, int] = Field(
        description="Rows by outcome: new, updated, unchanged, duplicate, error."
    )
    check_counts: dict[str, int] = Field(description="The same, from the dry run.")
    error: str
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_rows_estimate(job: Import) -> int | None:
        return job.rows_hint

    @staticmethod
    def resolve_rows_done(job: Import) -> int:
        return job.checkpoint


class MappingIn(Schema):
    columns: dict[str, str] = Field(description="Column -> field key (empty to ignore).")
    match_on: str = Field(
        description="email, phone, external_id (contacts); domain, name, external_id "
        "(companies); same_moment (activities: the message ID, else contact, kind and time); "
        "external_id (transactions, per contact); email, phone (leads); or nothing."
    )
    existing: Literal["update", "skip"] = "update"
    all_or_nothing: bool = False
    default_country: str | None = Field(
        None, description="ISO code of the country of rows that name none (for local phones)."
    )


class ProblemOut(Schema):
    row: int
    outcome: str = Field(description="error or duplicate.")
    values: dict[str, Any] = Field(description="The row as it was read, by column.")
    errors: dict[str, list[str]] = Field(description="Field key ('' for the row) -> messages.")


def _job(request: HttpRequest, job_id: int) -> Import:
    return get_object_or_404(Import.objects.visible_to(current_user(request)), pk=job_id)


@router.post("", response={201: ImportOut, **documented(400, 401, 403, 422)})
def upload(
    request: HttpRequest,
    file: File[UploadedFile],
    object: Form[
        Literal["contacts", "companies", "activities", "transactions", "leads"]
    ] = "contacts",
    format: Form[str] = "",
    encoding: Form[str] = "",
    delimiter: Form[str] = "",
    start: Form[Literal["", "check", "run"]] = "",
) -> Status[Import]:
    """Upload a file to import. Its columns are read and mapped as well as they can be
    guessed (the column names of HubSpot, Salesforce, Zoho, Google and Outlook exports are
    known); change the mapping with PUT /imports/{id}/mapping, or start at once."""
    user = current_user(request)
    with audit.via(Channel.API):
        job = actions.create_import(
            by=user,
            content=file,
            filename=file.name or "import",
            obj=object,
            format=format,
            encoding=encoding,
            delimiter=delimiter,
        )
        if start == "check":
            actions.start_check(job, by=user)
        elif start == "run":
            actions.start_run(job, by=user)
    return Status(201, job)


@router.get("", response={200: list[ImportOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_imports(request: HttpRequest) -> Any:
    """Your imports, the newest first (admins: everyone's)."""
    return Import.objects.visible_to(current_user(request)).order_by("-id")


@router.get("/{int:job_id}", response={200: ImportOut, **documented(401, 404)})
def get_import(request: HttpRequest, job_id: int) -> Import:
    return _job(request, job_id)


@router.put("/{int:job_id}/mapping", response={200: ImportOut, **documented(401, 403, 404, 422)})
def set_mapping(request: HttpRequest, job_id: int, body: MappingIn) -> Import:
    """Choose the mapping and options. Every problem comes back at once in `fields`, keyed
    `column:<name>` for a column, or by the option's name."""
    job = _job(request, job_id)
    return actions.configure(
        job,
        by=current_user(request),
        columns=body.columns,
        match_on=body.match_on,
        existing=body.existing,
        all_or_nothing=body.all_or_nothing,
        default_country=body.default_country,
    )


@router.post("/{int:job_id}/check", response={202: ImportOut, **documented(401, 403, 404, 422)})
def check(request: HttpRequest, job_id: int) -> Status[Import]:
    """Start the dry run: counts of what the import would do, and its rejected rows."""
    return Status(202, actions.start_check(_job(request, job_id), by=current_user(request)))


@router.post("/{int:job_id}/run", response={202: ImportOut, **documented(401, 403, 404, 422)})
def run(request: HttpRequest, job_id: int) -> Status[Import]:
    """Start the import in the background; follow it with GET /imports/{id}."""
    return Status(202, actions.start_run(_job(request, job_id), by=current_user(request)))


@router.post("/{int:job_id}/undo", response={202: ImportOut, **documented(401, 403, 404, 422)})
def undo(request: HttpRequest, job_id: int) -> Status[Import]:
    """Take a finished import back: records it created are deleted, those it changed are
    restored to what they were."""
    return Status(202, actions.start_undo(_job(request, job_id), by=current_user(request)))


@router.get("/{int:job_id}/report", response={200: list[ProblemOut], **documented(401, 404, 422)})
@paginate(KeysetPagination)
def report(request: HttpRequest, job_id: int) -> Any:
    """The rows not imported, in file order, with what is wrong with each."""
    return ImportProblem.objects.filter(job=_job(request, job_id)).order_by("row", "id")


@router.get(
    "/{int:job_id}/errors",
    response={200: None, **documented(401, 404)},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def errors(request: HttpRequest, job_id: int) -> StreamingHttpResponse:
    """The rejected rows as a CSV file: the file's own columns, a Row column in front and an
    Errors column at the end."""
    job = _job(request, job_id)
    response = StreamingHttpResponse(reports.error_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response
