"""The Export control of a list page, and the list's state it carries to the export."""

from __future__ import annotations

import copy

from django.http import QueryDict

from sampark.core.http import AuthenticatedRequest
from sampark.exports.forms import FIELDS
from sampark.listviews.lists import NAVIGATION, RecordList
from sampark.listviews.state import ListState, list_state


def carried(state: ListState) -> list[tuple[str, str]]:
    """The view applied and the filters and sort in effect, as the export form's hidden fields.

    Every filter parameter goes, empty ones too: with a view applied, an emptied filter is what
    the user changed since, and must not let the view's own value come back.
    """
    pairs = [("view", str(state.view.pk))] if state.view else []
    for name, values in state.params.lists():
        if name in NAVIGATION or name in FIELDS or not state.record_list.accepts(name):
            continue
        pairs += [(name, value) for value in values]
    return pairs


def as_query(pairs: list[tuple[str, str]]) -> str:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()


def export_state(request: AuthenticatedRequest, record_list: RecordList) -> ListState:
    """The list's state as its page would see it in this address: the export's own choices
    are no filters, so ``?view=3&format=xlsx`` applies the view as ``?view=3`` does."""
    query = request.GET.copy()
    for name in FIELDS:
        query.pop(name, None)
    page = copy.copy(request)
    page.GET = query  # type: ignore[assignment] # a copy of the request's own, less three names
    return list_state(page, record_list)
