"""The knowledge base's categories, under /service/kb/categories/: everyone with a role sees
them (with how many of the articles they may see each holds); managers and admins add, rename,
order and delete them (``actions_knowledge``, which checks that too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.roles import Role
from sampark.core.views.workspace import require_role
from sampark.service import actions_knowledge as actions
from sampark.service.forms_knowledge import CategoryForm
from sampark.service.models import Article, KnowledgeCategory

SEE_CATEGORIES = frozenset(Role)


@login_required
def category_list(request: AuthenticatedRequest) -> HttpResponse:
    """The categories, and (for managers and admins) the form that adds one."""
    require_role(request.user, SEE_CATEGORIES)
    may_manage = actions.may_manage_categories(request.user)
    form = CategoryForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        require_role(request.user, actions.MANAGE_CATEGORIES)
        assert form is not None
        if form.is_valid():
            try:
                actions.create_category(by=request.user, **form.action_values())
            except ValidationError as error:
                add_action_error(form, error)
            else:
                messages.success(request, _("Category added."))
                return redirect("service:kb_categories")
    counts = dict(
        Article.objects.visible_to(request.user)
        .order_by()
        .values("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    categories = [(c, counts.get(c.pk, 0)) for c in KnowledgeCategory.objects.all()]
    context = {"categories": categories, "form": form, "may_manage": may_manage}
    status = 422 if form is not None and form.errors else 200
    return render(request, "service/knowledge/categories.html", context, status=status)


@login_required
def category_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, actions.MANAGE_CATEGORIES)
    category = get_object_or_404(KnowledgeCategory, pk=pk)
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_category(category, by=request.user, values=form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Category saved."))
            return redirect("service:kb_categories")
    context = {"form": form, "category": category}
    status = 422 if form.errors else 200
    return render(request, "service/knowledge/category_form.html", context, status=status)


@login_required
@require_POST
def category_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, actions.MANAGE_CATEGORIES)
    category = get_object_or_404(KnowledgeCategory, pk=pk)
    try:
        actions.delete_category(category, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Category deleted."))
    return redirect("service:kb_categories")
