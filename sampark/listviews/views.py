"""The list pages' controls: choosing columns, and saving, changing and deleting views.

Each one is a small form on the list page that comes back to it: without script through a
redirect, with htmx (the column control) by answering with the control itself and asking the
list to refresh its results.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.core.http import AuthenticatedRequest, next_url
from sampark.core.records import StaleVersion
from sampark.core.roles import Action
from sampark.listviews import actions, lists
from sampark.listviews.access import access_view
from sampark.listviews.forms import ViewForm, ordered_columns
from sampark.listviews.lists import RecordList
from sampark.listviews.models import SavedView
from sampark.listviews.state import ListState

# The event the column control's answer raises; the list's filter form refreshes on it.
COLUMNS_CHANGED = "columns-changed"


def _record_list(name: str) -> RecordList:
    found = lists.find(name)
    if found is None:
        raise Http404(_("There is no such list."))
    return found


def _back(request: AuthenticatedRequest, record_list: RecordList) -> str:
    """The list page the form came from (with its filters), if it is on this site."""
    typed = request.POST.get("next") or request.GET.get("next", "")
    return next_url(request, record_list.url, url=typed)


def _view_url(view: SavedView, record_list: RecordList) -> str:
    return f"{record_list.url}?view={view.pk}"


def _posted_columns(request: AuthenticatedRequest, record_list: RecordList) -> list[str]:
    # Columns come from the page's own control: one deleted meanwhile is dropped, not an error.
    return actions.clean_columns(record_list, ordered_columns(request.POST), strict=False)


@login_required
@require_POST
def columns(request: AuthenticatedRequest, list_name: str) -> HttpResponse:
    """Show, hide and order the list's columns: one's own, or those of one's applied view."""
    record_list = _record_list(list_name)
    user = request.user
    wanted = request.POST.get("view")
    view = access_view(user, wanted, Action.CHANGE, list_name=list_name) if wanted else None
    reset = bool(request.POST.get("reset"))
    keys = record_list.default_keys() if reset else _posted_columns(request, record_list)
    if view is not None:
        actions.update_view(view, by=user, values={"columns": keys})
    elif reset:
        actions.reset_columns(user, record_list)
    else:
        actions.set_columns(user, record_list, keys)
    back = _back(request, record_list)
    if not request.htmx:
        return redirect(back)
    state = ListState(
        record_list=record_list,
        user=user,
        params=QueryDict(),
        view=view,
        columns=record_list.pick(keys),
        back_url=back,
    )
    response = render(request, "listviews/_columns.html", {"list_state": state, "open": True})
    response["HX-Trigger"] = COLUMNS_CHANGED
    return response


@login_required
@require_POST
def view_create(request: AuthenticatedRequest, list_name: str) -> HttpResponse:
    """Save the list's current filters, sort and columns as a new view."""
    record_list = _record_list(list_name)
    form = ViewForm(request.user, request.POST, auto_id="new-view-%s")
    query = request.POST.get("query", "")
    columns = _posted_columns(request, record_list)
    if form.is_valid():
        try:
            view = actions.create_view(
                by=request.user,
                list_name=record_list.name,
                name=form.cleaned_data["name"],
                query=query,
                columns=columns,
                **form.sharing(),
            )
        except ValidationError as error:
            form.add_action_errors(error)
        else:
            messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
            return redirect(_view_url(view, record_list))
    context = {
        "form": form,
        "record_list": record_list,
        "query": query,
        "columns": columns,
        "back_url": _back(request, record_list),
    }
    return render(request, "listviews/form.html", context)


@login_required
def view_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Rename one's view or change whom it is shared with."""
    view = access_view(request.user, pk, Action.CHANGE)
    record_list = _record_list(view.list_name)
    form = ViewForm(request.user, request.POST or None, view=view)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_view(
                view, by=request.user, values={"name": form.cleaned_data["name"], **form.sharing()}
            )
        except ValidationError as error:
            form.add_action_errors(error)
        except StaleVersion:
            form.add_error(None, _("This view changed meanwhile. Reload the page and try again."))
        else:
            messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
            return redirect(_view_url(view, record_list))
    context = {
        "form": form,
        "view": view,
        "record_list": record_list,
        "back_url": _view_url(view, record_list),
    }
    return render(request, "listviews/form.html", context)


@login_required
@require_POST
def view_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Overwrite one's view with the list's current filters, sort and columns."""
    view = access_view(request.user, pk, Action.CHANGE)
    record_list = _record_list(view.list_name)
    values = {
        "query": request.POST.get("query", ""),
        "columns": _posted_columns(request, record_list),
    }
    try:
        actions.update_view(view, by=request.user, values=values)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except StaleVersion:
        messages.error(request, _("This view changed meanwhile. Reload the page and try again."))
    else:
        messages.success(
            request, _("View “%(name)s” now has the current filters.") % {"name": view.name}
        )
    return redirect(_view_url(view, record_list))


@login_required
def view_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    view = access_view(request.user, pk, Action.DELETE)
    record_list = _record_list(view.list_name)
    if request.method == "POST":
        actions.delete_view(view, by=request.user)
        messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
        return redirect(record_list.url)
    context = {"view": view, "back_url": _view_url(view, record_list)}
    return render(request, "listviews/delete.html", context)
