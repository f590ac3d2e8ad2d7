"""Settings > API tokens: each person's own tokens; admins also see and revoke everyone's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sampark.core import tokens
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import ApiToken, ApiTokenQuerySet, TokenScope, User
from sampark.core.settings_forms import TokenForm
from sampark.core.views.workspace import is_admin, settings_page


def tokens_for(user: User) -> ApiTokenQuerySet:
    """The tokens ``user`` may see and revoke: their own, or every token for an admin."""
    everything = ApiToken.objects.select_related("user")
    return everything if is_admin(user) else everything.filter(user=user)


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    own = ApiToken.objects.filter(user=request.user)
    others = None
    if is_admin(request.user):
        everyone = ApiToken.objects.exclude(user=request.user).select_related("user")
        others = Paginator(everyone, 50).get_page(request.GET.get("page"))
    context = {"own": own, "page": others}
    return settings_page(request, "core/settings/tokens/list.html", "tokens", context)


@never_cache
@login_required
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = tokens.issue_token(
            request.user,
            name=form.cleaned_data["name"],
            scope=TokenScope(form.cleaned_data["scope"]),
            by=request.user,
        )
        # Shown in this response only: it is neither stored nor put in the session.
        context = {"token": token, "raw": raw}
        return settings_page(request, "core/settings/tokens/created.html", "tokens", context)
    return settings_page(request, "core/settings/tokens/form.html", "tokens", {"form": form})


@login_required
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = tokens_for(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404(_("No such token, or it is not yours."))
    if request.method == "POST":
        tokens.revoke_token(token, by=request.user)
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("settings:tokens")
    return settings_page(request, "core/settings/tokens/revoke.html", "tokens", {"token": token})
