"""Settings → Live chat, for admins: the widgets, the sites each may be on, who its chats go
to, and the one tag that puts it on a site; "Try it" opens it on a page of Sampark's own."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sampark.chat import actions
from sampark.chat.forms import ChatWidgetForm
from sampark.chat.models import ChatWidget, Conversation
from sampark.contacts.actions import assignable_owners
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import Team
from sampark.core.views.workspace import require_admin, settings_page

TAB = "chat"
# The assistant's figures are over the last month's chats: recent enough to show a change of its
# articles, long enough to be more than a handful of chats.
FIGURES_OVER = timedelta(days=30)


def _form(request: AuthenticatedRequest, instance: ChatWidget | None = None) -> ChatWidgetForm:
    return ChatWidgetForm(
        request.POST or None,
        instance=instance,
        owners=assignable_owners(request.user),
        teams=Team.objects.all(),
        initial={"owner": request.user.pk} if instance is None else {},
    )


@login_required
@require_GET
def widget_list(request: AuthenticatedRequest) -> HttpResponse:
    require_admin(request.user)
    widgets = list(ChatWidget.objects.select_related("owner", "team"))
    since = timezone.now() - FIGURES_OVER
    figures = Conversation.objects.filter(started_at__gte=since).assistant_figures()
    for widget in widgets:
        widget.figures = figures.get(widget.pk)  # type: ignore[attr-defined]
    context = {"widgets": widgets, "figures_days": FIGURES_OVER.days}
    return settings_page(request, "chat/settings/list.html", TAB, context)


@login_required
@require_http_methods(["GET", "POST"])
def widget_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    require_admin(request.user)
    widget = get_object_or_404(ChatWidget, pk=pk) if pk is not None else None
    form = _form(request, widget)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_widget(widget, by=request.user, values=form.action_values())
        messages.success(request, _("The chat widget %(name)s was saved.") % {"name": saved})
        return redirect("chat_settings:widget", saved.pk)
    context: dict[str, object] = {"form": form, "widget": widget}
    if widget is not None:
        context["snippet"] = (
            f'<script src="{request.build_absolute_uri(static("chat/widget.js"))}" '
            f'data-widget="{widget.key}" data-server="{request.scheme}://{request.get_host()}" '
            "async></script>"
        )
    return settings_page(request, "chat/settings/form.html", TAB, context)


@login_required
@require_GET
def widget_try(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The widget on a page of Sampark's own, as a visitor sees it."""
    require_admin(request.user)
    widget = get_object_or_404(ChatWidget, pk=pk)
    server = f"{request.scheme}://{request.get_host()}"
    return render(request, "chat/settings/try.html", {"widget": widget, "server": server})
