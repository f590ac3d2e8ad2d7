"""Settings > Users: admins add and change people; managers may look."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.core import actions
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import User
from sampark.core.roles import assigned_role
from sampark.core.settings_forms import PasswordLinkForm, UserCreateForm, UserEditForm
from sampark.core.views.workspace import (
    MANAGE_USERS,
    VIEW_USERS,
    readable_history,
    require_role,
    settings_page,
)

logger = logging.getLogger(__name__)


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, VIEW_USERS)
    users = User.objects.prefetch_related("groups", "teams").order_by("username")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    rows = [(user, assigned_role(user)) for user in page]
    return settings_page(
        request, "core/settings/users/list.html", "users", {"page": page, "rows": rows}
    )


@login_required
def user_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_USERS)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.create_user(by=request.user, **form.cleaned_data)
        if send_password_link(request, user):
            note = _("%(name)s was added. A link to choose a password is on its way to %(email)s.")
        else:
            note = _("%(name)s was added.")
        messages.success(request, note % {"name": user, "email": user.email})
        return redirect("settings:users")
    return settings_page(request, "core/settings/users/form.html", "users", {"form": form})


@login_required
def user_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_USERS)
    target = get_object_or_404(User, pk=pk)
    title = str(target)  # the bound form changes ``target`` as it validates
    form = UserEditForm(
        request.POST or None,
        instance=target,
        role=assigned_role(target),
        teams=target.teams.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_user(target, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": title})
            return redirect("settings:users")
    context = {"form": form, "target": target, "title": title}
    context["history"] = readable_history(target)
    return settings_page(request, "core/settings/users/form.html", "users", context)


@login_required
@require_POST
def user_send_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_USERS)
    target = get_object_or_404(User, pk=pk)
    if send_password_link(request, target):
        messages.success(
            request,
            _("A link to choose a password was sent to %(email)s.") % {"email": target.email},
        )
    return redirect("settings:user_edit", target.pk)


def send_password_link(request: AuthenticatedRequest, user: User) -> bool:
    """Email ``user`` a one-time link to choose a password, in their own language."""
    form = PasswordLinkForm(user)
    if not form.is_valid() or not user.is_active:
        messages.error(
            request, _("%(name)s has no usable email address, or is inactive.") % {"name": user}
        )
        return False
    try:
        with translation.override(user.language):
            form.save(
                request=request,
                use_https=request.is_secure(),
                subject_template_name="core/settings/users/password_link_subject.txt",
                email_template_name="core/settings/users/password_link_email.txt",
                extra_email_context={"inviter": str(request.user)},
            )
    except OSError:
        logger.exception("Could not send the password link to user %s", user.pk)
        messages.warning(
            request,
            _(
                "The email to %(email)s could not be sent. Check the mail settings, then send the link again from the user's page."
            )
            % {"email": user.email},
        )
        return False
    return True
