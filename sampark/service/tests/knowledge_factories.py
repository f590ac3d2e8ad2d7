"""Builders for the knowledge base, through the actions (so articles are audited, revised and
indexed for search as in life)."""

from __future__ import annotations

from typing import Any

from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service import actions_knowledge as actions
from sampark.service.models import Article, ArticleStatus, KnowledgeCategory


def make_category(name: str = "Cards", **values: Any) -> KnowledgeCategory:
    """The category called ``name``, added by an admin made for the purpose if there is none."""
    found = KnowledgeCategory.objects.filter(name=name).first()
    if found is not None:
        return found
    admin = User.objects.filter(username="kb-admin").first() or make_user(
        Role.ADMIN, username="kb-admin"
    )
    return actions.create_category(by=admin, name=name, **values)


def make_article(by: User, category: KnowledgeCategory | None = None, **values: Any) -> Article:
    """A published public article in English written by ``by`` (in their team), unless told
    otherwise."""
    values.setdefault("title", "Reset your card PIN")
    values.setdefault("body", "Open the app, choose Cards, then Reset PIN.")
    values.setdefault("status", ArticleStatus.PUBLISHED)
    return actions.create_article(by=by, category=category or make_category(), **values)
