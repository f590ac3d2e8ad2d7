"""What a list page reads to show its columns and views: the view being applied (``?view=``),
the filters and sort in effect, the columns, and the views the user may pick.

On every page view this costs no query: the user's columns and the views on offer come from the
cache (``sampark.core.cached``, moved on by each write in ``actions``). Only applying a view
reads one row, through ``access_view``, so a view the user may not see is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.http import QueryDict

from sampark.core import cached
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import User
from sampark.core.roles import Role, role_of
from sampark.listviews.access import access_view, may_change, may_delete
from sampark.listviews.actions import VIEWS_CACHE, columns_cache
from sampark.listviews.forms import ViewForm
from sampark.listviews.lists import NAVIGATION, Column, RecordList
from sampark.listviews.models import ListPreference, SavedView, Visibility


@dataclass(frozen=True)
class ViewChoice:
    """A saved view as the list's menu offers it (cached, so plain values only)."""

    pk: int
    name: str
    owner_id: int
    owner_name: str
    visibility: str
    team_name: str

    @property
    def shared_with(self) -> str:
        if self.visibility == Visibility.TEAM and self.team_name:
            return self.team_name
        return str(Visibility(self.visibility).label)


@dataclass(frozen=True)
class ColumnChoice:
    column: Column
    shown: bool
    first: bool = False  # the first or last shown column cannot move further that way
    last: bool = False


def chosen_columns(user: User, record_list: RecordList) -> list[str] | None:
    """The column keys ``user`` chose for this list, or None if they never chose."""

    def build() -> dict[str, list[str]]:
        rows = ListPreference.objects.filter(user=user, list_name=record_list.name)
        columns = rows.values_list("columns", flat=True).first()
        # A dict either way: the cache cannot tell a stored None from a miss.
        return {} if columns is None else {"columns": list(columns)}

    return cached.lookup(columns_cache(user.pk), record_list.name, build).get("columns")


def view_choices(user: User, list_name: str) -> list[ViewChoice]:
    """The saved views of this list ``user`` may see, by name. Cached per user and per set of
    teams (an admin sees every team's), and with people, as it names the views' owners."""
    reach = "admin" if role_of(user) is Role.ADMIN else ",".join(map(str, sorted(user.team_ids())))
    scope = f"{list_name}:{user.pk}:{reach}:{cached.generation(cached.PEOPLE)}"

    def build() -> list[ViewChoice]:
        views = SavedView.objects.visible_to(user).for_list(list_name)
        return [
            ViewChoice(
                view.pk,
                view.name,
                view.owner_id,
                str(view.owner),
                view.visibility,
                view.team.name if view.team else "",
            )
            for view in views.select_related("owner", "team")
        ]

    return cached.lookup(VIEWS_CACHE, scope, build)


@dataclass
class ListState:
    record_list: RecordList
    user: User
    params: QueryDict  # the filters and sort in effect: the view's, or those in the address
    view: SavedView | None
    columns: list[Column]
    back_url: str  # this page, for the forms on it to come back to
    choices: list[ViewChoice] = field(default_factory=list)

    @property
    def column_keys(self) -> list[str]:
        return [column.key for column in self.columns]

    @cached_property
    def query(self) -> str:
        """The filters and sort in effect, as a saved view keeps them."""
        return self.record_list.query_of(self.params)

    @property
    def modified(self) -> bool:
        """Whether the filters differ from those saved in the view being applied."""
        if self.view is None:
            return False
        # Read back through the list, which skips what it no longer has (a deleted field's).
        return self.query != self.record_list.query_of(QueryDict(self.view.query))

    @property
    def can_change_view(self) -> bool:
        return self.view is not None and may_change(self.user, self.view)

    @property
    def can_delete_view(self) -> bool:
        return self.view is not None and may_delete(self.user, self.view)

    @property
    def edits_columns(self) -> bool:
        """Whether the column control is offered: for one's own columns, or one's own view's
        (the columns of someone else's view are part of what they share)."""
        return self.view is None or self.can_change_view

    @property
    def own_views(self) -> list[ViewChoice]:
        return [choice for choice in self.choices if choice.owner_id == self.user.pk]

    @property
    def shared_views(self) -> list[ViewChoice]:
        return [choice for choice in self.choices if choice.owner_id != self.user.pk]

    @cached_property
    def save_form(self) -> ViewForm:
        return ViewForm(self.user, auto_id="new-view-%s")

    @property
    def column_choices(self) -> list[ColumnChoice]:
        """Every column: the shown ones in their order, then the others in the list's."""
        shown = self.column_keys
        rows = [
            ColumnChoice(column, True, first=n == 0, last=n == len(shown) - 1)
            for n, column in enumerate(self.columns)
        ]
        rest = [column for column in self.record_list.available() if column.key not in shown]
        return rows + [ColumnChoice(column, False) for column in rest]


def columns_for(user: User, record_list: RecordList, view: SavedView | None) -> list[Column]:
    """A view's columns when one is applied, else the user's, else the list's default ones."""
    keys = view.columns if view is not None else chosen_columns(user, record_list)
    return record_list.pick(record_list.default_keys() if keys is None else keys)


def list_state(request: AuthenticatedRequest, record_list: RecordList) -> ListState:
    """The state of a list page asked for with ``request``; 404 if ``?view=`` names a view of
    another list or one ``user`` may not see.

    ``?view=<id>`` alone opens the list with the view's filters and sort (the address stays
    short and shareable); with filters of its own in the address too, those are what the user
    changed since, and they win (the view stays selected, to be updated or left).
    """
    user = request.user
    wanted = request.GET.get("view", "")
    view = access_view(user, wanted, list_name=record_list.name) if wanted else None
    params: QueryDict = request.GET
    if view is not None and all(name in NAVIGATION for name in request.GET):
        expanded = QueryDict(view.query, mutable=True)
        for name in NAVIGATION & set(request.GET):
            expanded.setlist(name, request.GET.getlist(name))
        params = expanded
    return ListState(
        record_list=record_list,
        user=user,
        params=params,
        view=view,
        columns=columns_for(user, record_list, view),
        back_url=request.get_full_path(),
        choices=view_choices(user, record_list.name),
    )
