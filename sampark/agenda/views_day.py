"""My day (/agenda/) and the full task list (/agenda/tasks/) with its filters."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from sampark.agenda.day import day_bounds, my_day
from sampark.agenda.feeds import active_feed
from sampark.agenda.forms import TaskFilterForm
from sampark.agenda.models import Task, TaskQuerySet
from sampark.agenda.rows import rows
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.models import User
from sampark.core.records import can_add

PAGE_SIZE = 50


@login_required
def day(request: AuthenticatedRequest) -> HttpResponse:
    today = my_day(request.user)
    now = today.bounds.now
    context = {
        "day": today,
        "overdue_rows": rows(request.user, today.overdue, now),
        "today_rows": rows(request.user, today.today, now),
        "upcoming_rows": rows(request.user, today.upcoming, now),
        "can_add": can_add(request.user, Task),
        "has_feed": active_feed(request.user) is not None,
    }
    # htmx reloads the day's lists alone when a task on it is completed or reopened.
    return render_fragment_or_page(request, "agenda/_day_body.html", "agenda/day.html", context)


def filtered_tasks(
    user: User, filters: dict[str, str], now: datetime.datetime | None = None
) -> TaskQuerySet:
    """The tasks ``user`` may see that match the list's filters, soonest due first."""
    tasks = Task.objects.visible_to(user)
    if filters["assignee"] == "me":
        tasks = tasks.assigned_to(user)
    elif filters["assignee"] == "team":
        tasks = tasks.filter(team_id__in=user.team_ids())
    if filters["status"] == "active":
        tasks = tasks.open()
    elif filters["status"] != "any":
        tasks = tasks.filter(status=filters["status"])
    bounds = day_bounds(user, now)
    due = filters["due"]
    if due == "overdue":
        tasks = tasks.open().filter(due_at__lt=bounds.now)
    elif due == "today":
        tasks = tasks.due_between(bounds.start, bounds.tomorrow)
    elif due == "week":
        tasks = tasks.due_between(bounds.start, bounds.week_end)
    elif due == "none":
        tasks = tasks.filter(due_at__isnull=True)
    if filters["priority"]:
        tasks = tasks.filter(priority=filters["priority"])
    return tasks.select_related("owner", "contact", "company").soonest_first()


@login_required
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    form = TaskFilterForm(request.GET or None)
    filters = form.values()
    tasks = filtered_tasks(request.user, filters)
    try:
        page = keyset_page(tasks, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(tasks, cursor=None, limit=PAGE_SIZE)
    context = {
        "form": form if form.is_bound else TaskFilterForm(initial=filters),
        "rows": rows(request.user, page.items),
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "can_add": can_add(request.user, Task),
    }
    return render_fragment_or_page(
        request, "agenda/tasks/_results.html", "agenda/tasks/list.html", context
    )
