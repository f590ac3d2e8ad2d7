"""The import wizard: upload, map the columns, check, run with a progress bar, the report.

One page per import follows it through its life (``detail``): the mapping while it can still
change, the progress bar while a worker is on it (htmx asks for ``progress`` every second and
stops when the import rests), the report when it is done.
"""

from __future__ import annotations

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.core.http import AuthenticatedRequest
from sampark.imports import actions, engine, reports
from sampark.imports.forms import MappingForm, UploadForm
from sampark.imports.models import Import, ImportStatus, Outcome
from sampark.imports.sources import SourceError
from sampark.imports.targets import ImportObject

PREVIEW_ROWS = 3
PROBLEMS_SHOWN = 50
_AT_WORK = frozenset(
    {ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.UNDOING}
)


def _job(request: AuthenticatedRequest, pk: int) -> Import:
    return get_object_or_404(Import.objects.visible_to(request.user), pk=pk)


@login_required
def import_list(request: AuthenticatedRequest) -> HttpResponse:
    jobs = Import.objects.visible_to(request.user).select_related("created_by")[:100]
    return render(request, "imports/list.html", {"jobs": jobs})


@login_required
def import_new(request: AuthenticatedRequest) -> HttpResponse:
    if not any(actions.may_import(request.user, obj) for obj in ImportObject.values):
        raise PermissionDenied(_("Your role does not allow importing records."))
    form = UploadForm(request.POST or None, request.FILES or None, initial=request.GET)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = actions.create_import(
                by=request.user,
                content=data["file"],
                filename=data["file"].name,
                obj=data["object"],
                format=data["format"],
                encoding=data["encoding"],
                delimiter=data["delimiter"],
            )
        except ValidationError as error:
            form.add_error("file" if "file" in getattr(error, "error_dict", {}) else None, error)
        except PermissionDenied as error:
            form.add_error("object", str(error))
        else:
            return redirect("imports:detail", job.pk)
    return render(request, "imports/new.html", {"form": form})


@login_required
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    form = MappingForm(job, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.configure(
                job,
                by=request.user,
                columns=form.columns(),
                match_on=data["match_on"],
                existing=data["existing"],
                all_or_nothing=data["all_or_nothing"],
                default_country=data["default_country"],
            )
            if request.POST.get("save_as"):
                actions.save_mapping(job, by=request.user, name=request.POST["save_as"])
            if "run" in request.POST:
                actions.start_run(job, by=request.user)
            else:
                actions.start_check(job, by=request.user)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            return redirect("imports:detail", job.pk)
    return render(request, "imports/detail.html", _context(job, form))


def _context(job: Import, form: MappingForm | None = None) -> dict[str, object]:
    problems = list(job.problems.all()[: PROBLEMS_SHOWN + 1])
    for problem in problems:
        problem.description = reports.describe(job, problem.errors)  # type: ignore[attr-defined]
    context: dict[str, object] = {
        "job": job,
        "at_work": job.status in _AT_WORK,
        "count_rows": _rows(job.counts),
        "check_rows": _rows(job.check_counts) if job.check_counts else [],
        "problems": problems[:PROBLEMS_SHOWN],
        "more_problems": len(problems) > PROBLEMS_SHOWN,
        "rows_done": _done(job),
        "percent": _percent(job),
    }
    if form is not None and job.status in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        context["form"] = form
        context["columns"] = list(zip(form.column_fields(), _samples(job), strict=True))
    return context


def _rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(outcome.label), int(counts.get(outcome.value, 0))) for outcome in Outcome]


def _done(job: Import) -> int:
    if job.status == ImportStatus.CHECKING:
        return sum(int(n) for n in job.check_counts.values())
    return job.checkpoint


def _percent(job: Import) -> int:
    if job.status == ImportStatus.DONE:
        return 100
    return min(99, int(100 * _done(job) / job.rows_hint)) if job.rows_hint else 0


def _samples(job: Import) -> list[list[str]]:
    """The first few values of each column, to map by."""
    try:
        rows = list(itertools.islice(engine.source_of(job).rows(), PREVIEW_ROWS))
    except SourceError:
        rows = []
    return [[row.values.get(column, "") for row in rows] for column in job.columns]


@login_required
def import_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls; once the import rests, the whole page reloads."""
    job = _job(request, pk)
    # Asked every second: only what the bar shows, not the page's problems and samples.
    progress = {"job": job, "rows_done": _done(job), "percent": _percent(job)}
    response = render(request, "imports/_progress.html", progress)
    if job.status not in _AT_WORK:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_undo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        actions.start_undo(job, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:detail", job.pk)


@login_required
@require_POST
def import_resume(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        actions.resume(job, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:detail", job.pk)


@login_required
def import_errors(request: AuthenticatedRequest, pk: int) -> StreamingHttpResponse:
    job = _job(request, pk)
    if not job.problems.exists():
        raise Http404(_("This import rejected no rows."))
    response = StreamingHttpResponse(reports.error_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response
