"""Tasks in the web UI: the section on contact and company pages, and a task's own pages.

The record pages only include ``agenda/_section.html``, which loads the tasks from here with
htmx once the page is shown, so the record page runs no task queries of its own; the section
costs a fixed number of queries however many tasks there are. Completing or reopening a task
answers htmx with a ``tasksChanged`` event, on which every task list on the page reloads itself.
Every view also answers without htmx (a whole page, or a redirect).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.agenda import actions
from sampark.agenda.forms import TaskEditForm, TaskForm
from sampark.agenda.models import Task
from sampark.agenda.rows import TaskRow, rows
from sampark.contacts.models import Company, Contact
from sampark.core.http import AuthenticatedRequest, next_url, render_fragment_or_page
from sampark.core.records import StaleVersion, access_record, can_add
from sampark.core.roles import Action

Record = Contact | Company
FORM_ID = "#add-task-form"
# Done tasks shown under the open ones on a record's page; the task list has the rest.
RECENT_DONE = 5
OPEN_SHOWN = 50
CHANGED = "tasksChanged"


def _urls(record: Record) -> dict[str, str]:
    if isinstance(record, Contact):
        return {
            "section_url": reverse("agenda:contact_tasks", args=[record.pk]),
            "add_url": reverse("agenda:contact_add_task", args=[record.pk]),
            "record_url": reverse("contacts:detail", args=[record.pk]),
        }
    return {
        "section_url": reverse("agenda:company_tasks", args=[record.pk]),
        "add_url": reverse("agenda:company_add_task", args=[record.pk]),
        "record_url": reverse("contacts:company_detail", args=[record.pk]),
    }


def _section_context(
    request: AuthenticatedRequest, record: Record, form: TaskForm | None = None
) -> dict[str, Any]:
    visible = Task.objects.visible_to(request.user).select_related("owner")
    tasks = (
        visible.on_contact(record) if isinstance(record, Contact) else visible.on_company(record)
    )
    open_tasks = list(tasks.open().soonest_first()[:OPEN_SHOWN])
    done = list(tasks.done().order_by("-completed_at", "-id")[:RECENT_DONE])
    allowed = can_add(request.user, Task)
    return {
        "record": record,
        "on": "contact" if isinstance(record, Contact) else "company",
        "contact_zone": record.time_zone if isinstance(record, Contact) else "",
        "open_rows": rows(request.user, open_tasks),
        "done_rows": rows(request.user, done),
        "can_add": allowed,
        "form": form if form is not None else (TaskForm(request.user) if allowed else None),
        **_urls(record),
    }


def _section(request: AuthenticatedRequest, record: Record) -> HttpResponse:
    return render_fragment_or_page(
        request,
        "agenda/tasks/_body.html",
        "agenda/tasks/section_page.html",
        _section_context(request, record),
    )


@login_required
def contact_tasks(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _section(request, access_record(request.user, Contact, pk))


@login_required
def company_tasks(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _section(request, access_record(request.user, Company, pk))


def _add(request: AuthenticatedRequest, record: Record) -> HttpResponse:
    if not can_add(request.user, Task):
        raise PermissionDenied(_("Your role does not allow adding tasks."))
    if request.method != "POST":
        return render(request, "agenda/tasks/section_page.html", _section_context(request, record))
    form = TaskForm(request.user, request.POST)
    if form.is_valid():
        link = {"contact": record} if isinstance(record, Contact) else {"company": record}
        try:
            actions.create_task(by=request.user, **link, **form.action_values())
        except ValidationError as error:
            form.add_action_error(error)
        else:
            if not request.htmx:
                messages.success(request, _("Task added."))
                return redirect(_urls(record)["record_url"])
            context = {**_section_context(request, record), "added": True}
            return render(request, "agenda/tasks/_body.html", context)
    if request.htmx:
        context = {"form": form, "record": record, **_urls(record)}
        response = render(request, "agenda/tasks/_form.html", context)
        # The errors replace the form alone, not the list around it.
        response["HX-Retarget"] = FORM_ID
        response["HX-Reswap"] = "outerHTML"
        return response
    context = _section_context(request, record, form)
    return render(request, "agenda/tasks/section_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add_task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add(request, access_record(request.user, Contact, pk))


@login_required
@require_http_methods(["GET", "POST"])
def company_add_task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add(request, access_record(request.user, Company, pk))


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: AuthenticatedRequest) -> HttpResponse:
    """A task on no record (one on a contact or company is added from its page)."""
    if not can_add(request.user, Task):
        raise PermissionDenied(_("Your role does not allow adding tasks."))
    form = TaskForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = actions.create_task(by=request.user, **form.action_values())
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Task added."))
            return redirect("agenda:task", task.pk)
    return render(request, "agenda/tasks/form.html", {"form": form})


def _task(request: AuthenticatedRequest, pk: int, action: Action = Action.VIEW) -> Task:
    task = access_record(request.user, Task, pk, action)
    return Task.objects.select_related("owner", "team", "contact", "company").get(pk=task.pk)


def record_url(task: Task) -> str:
    """Where a task belongs: its contact's or company's page, else My day."""
    if task.contact_id:
        return reverse("contacts:detail", args=[task.contact_id])
    if task.company_id:
        return reverse("contacts:company_detail", args=[task.company_id])
    return reverse("agenda:day")


@login_required
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    # The linked records are named only if the user may see them (they may see the task as
    # its assignee without seeing another team's client).
    contact = (
        Contact.objects.visible_to(request.user).filter(pk=task.contact_id).first()
        if task.contact_id
        else None
    )
    company = (
        Company.objects.visible_to(request.user).filter(pk=task.company_id).first()
        if task.company_id
        else None
    )
    context = {
        "row": TaskRow.of(request.user, task),
        "task": task,
        "contact": contact,
        "company": company,
        "back_url": record_url(task),
    }
    return render(request, "agenda/tasks/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, Action.CHANGE)
    form = TaskEditForm.for_task(request.user, task, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_task(
                task,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data.get("version") or task.version,
            )
        except ValidationError as error:
            form.add_action_error(error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this task while you were editing. "
                    "Reload the page to see their changes, then edit again."
                ),
            )
        else:
            messages.success(request, _("Task saved."))
            return redirect("agenda:task", task.pk)
    return render(request, "agenda/tasks/form.html", {"form": form, "task": task})


@login_required
@require_http_methods(["GET", "POST"])
def task_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, Action.DELETE)
    back = record_url(task)
    if request.method != "POST":
        return render(request, "agenda/tasks/delete.html", {"task": task, "back_url": back})
    try:
        actions.delete_task(task, by=request.user)
    except StaleVersion:
        messages.error(request, _("Someone else changed this task; it was not deleted."))
        return redirect("agenda:task", task.pk)
    messages.success(request, _("Task deleted."))
    return redirect(back)


def _changed(request: AuthenticatedRequest, task: Task, message: str) -> HttpResponse:
    if request.htmx:
        # The lists on the page reload themselves: the task moves between them, and a
        # recurring one's next occurrence appears.
        response = HttpResponse("")
        response["HX-Trigger"] = CHANGED
        return response
    messages.success(request, message)
    return redirect(next_url(request, reverse("agenda:task", args=[task.pk])))


@login_required
@require_POST
def task_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, Action.CHANGE)
    task = actions.complete_task(task, by=request.user)
    return _changed(request, task, _("Task done."))


@login_required
@require_POST
def task_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, Action.CHANGE)
    task = actions.reopen_task(task, by=request.user)
    return _changed(request, task, _("Task reopened."))
