from __future__ import annotations

from django import template
from django.urls import reverse

from sampark.exports.controls import carried
from sampark.exports.forms import ExportForm
from sampark.exports.lists import for_list
from sampark.exports.permissions import may_export
from sampark.listviews.state import ListState

register = template.Library()


@register.inclusion_tag("exports/_control.html")
def export_control(state: ListState, oob: bool = False) -> dict[str, object]:
    """A list page's Export button and its form, for those who may export the list; with
    ``oob``, the filters it carries, to come along with a results fragment (htmx) and replace
    the form's, so it exports the filters on screen. Costs no query: the permissions come with
    the session."""
    exportable = for_list(state.record_list.name)
    if exportable is None or not may_export(state.user, exportable.model):
        return {"allowed": False}
    return {
        "allowed": True,
        "oob": oob,
        "action": reverse(f"exports:{exportable.kind}"),
        "carried": carried(state),
        "form": ExportForm(auto_id="export-%s"),
    }
