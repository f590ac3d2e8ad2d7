"""The knowledge base: articles that answer what clients ask, for agents and the help centre.

An ``Article`` is an owned record (its owner is its author, its team the desk that keeps it), so
the one permission layer decides which staff see and change it. What reaches the public help
centre is decided here too, by ``ArticleQuerySet.on_help_centre``: published and public only,
whoever wrote it; internal-only articles and drafts never leave the staff pages.

The versions of one article in Bengali, Hindi and English share a ``translation_group``, at most
one per language. Every change of an article's title or body is kept as an ``ArticleRevision``
(numbered 1, 2, 3…; the highest is what the article says now), so an edit can be undone.
``ArticleVote`` holds each reader's "was this helpful?" answer; the article keeps the counts.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.constraints import UniqueTogetherOnField
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.lib import richtext
from sampark.lib.slugs import validate_slug


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ArticleVisibility(models.TextChoices):
    PUBLIC = "public", _("Public (help centre)")
    INTERNAL = "internal", _("Internal (staff only)")


class KnowledgeCategory(models.Model):
    """A shelf of the knowledge base ("Accounts", "Cards"): set up by managers and admins, and
    the first part of an article's address in the help centre."""

    name = models.CharField(_("name"), max_length=100)
    # The name as shown in other languages ({"bn": "কার্ড"}); ``name`` where one is missing.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    slug = models.CharField(
        _("web address"),
        max_length=100,
        unique=True,
        validators=[validate_slug],
        help_text=_("How the category appears in help centre addresses."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("knowledge base category")
        verbose_name_plural = _("knowledge base categories")
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        found = self.names.get(language) if isinstance(self.names, dict) else None
        return str(found) if found else self.name


class ArticleQuerySet(OwnedQuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=ArticleStatus.PUBLISHED)

    def on_help_centre(self, language: str | None = None) -> ArticleQuerySet:
        """What anyone may read without signing in: published, public articles."""
        shown = self.published().filter(visibility=ArticleVisibility.PUBLIC)
        return shown if language is None else shown.filter(language=language)

    def translations_of(self, article: Article) -> ArticleQuerySet:
        return self.filter(translation_group=article.translation_group).exclude(pk=article.pk)


class Article(OwnedRecord):
    category = models.ForeignKey(
        KnowledgeCategory,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.CharField(
        _("web address"),
        max_length=200,
        validators=[validate_slug],
        help_text=_("Made from the title when left empty; letters of any script."),
    )
    # Stored sanitised (sampark.lib.richtext) by clean(), which every audited write runs.
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=9, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=ArticleVisibility.choices,
        default=ArticleVisibility.PUBLIC,
    )
    translation_group = models.UUIDField(_("translation group"), default=uuid.uuid4, editable=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    helpful_count = models.PositiveIntegerField(_("found it helpful"), default=0, editable=False)
    not_helpful_count = models.PositiveIntegerField(
        _("did not find it helpful"), default=0, editable=False
    )

    objects = ArticleQuerySet.as_manager()

    # Readers' votes are not an edit of the article: they are neither audited nor versioned,
    # so a vote never makes an editor's open form stale.
    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {"helpful_count", "not_helpful_count"}

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-updated_at", "-id"]
        constraints = [
            UniqueTogetherOnField(
                fields=["translation_group", "language"],
                report_on="language",
                name="kb_one_translation_per_language",
                violation_error_message=_("This article already has a version in this language."),
            ),
            UniqueTogetherOnField(
                fields=["language", "slug"],
                report_on="slug",
                name="kb_slug_unique_per_language",
                violation_error_message=_("Another article in this language has this web address."),
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "team"]),
            models.Index(fields=["updated_at", "id"], name="kb_article_updated"),
            models.Index(
                fields=["language", "status", "visibility", "category"], name="kb_help_centre"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("service:kb_article", args=[self.pk])

    def public_url(self) -> str:
        """Its address in the help centre (which answers it only while published and public)."""
        return reverse("help:article", args=[self.language, self.category.slug, self.slug])

    @property
    def is_on_help_centre(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED and self.visibility == ArticleVisibility.PUBLIC
        )

    def clean(self) -> None:
        """Normalise and check what the field types cannot: run by every audited write."""
        self.title = (self.title or "").strip()
        self.body = richtext.to_safe_html(self.body or "")
        # Checked again once tidied: spaces only, or a text that was all script, is no text.
        required = _("This field is required.")
        errors = {name: [required] for name in ("title", "body") if not getattr(self, name)}
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Belt and braces for writes that skip full_clean (fixtures, factories): never store
        # unsanitised HTML. Sanitising sanitised HTML changes nothing.
        self.body = richtext.to_safe_html(self.body or "")
        super().save(*args, **kwargs)


class ArticleRevision(models.Model):
    """A version of an article's title and body, as someone saved it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))  # sanitised, as the article's was
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True)

    class Meta:
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="kb_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class ArticleVote(models.Model):
    """One reader's answer to "was this helpful?": a signed-in user's, or an anonymous
    visitor's (a random key kept in their session). Changeable, never doubled."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    visitor = models.CharField(max_length=64, blank=True)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], condition=Q(user__isnull=False), name="kb_vote_user"
            ),
            models.UniqueConstraint(
                fields=["article", "visitor"], condition=~Q(visitor=""), name="kb_vote_visitor"
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(visitor=""))
                | (Q(user__isnull=True) & ~Q(visitor="")),
                name="kb_vote_one_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {'yes' if self.helpful else 'no'}"
