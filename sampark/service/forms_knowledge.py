"""The knowledge base's forms: an article (new, edited, or a translation of another), and a
category with its name in each language. They check what a person typed; the rules that hold
for every writer (unique addresses, one version per language) are the actions'."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sampark.service.actions_knowledge import ARTICLE_FIELDS
from sampark.service.models import Article, KnowledgeCategory


class ArticleForm(forms.ModelForm[Article]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "category", "language", "visibility", "status", "slug", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "body": _(
                "Plain text (a blank line starts a paragraph), or simple HTML: paragraphs, bold, "
                "italics, lists and links. Anything else is removed."
            ),
        }

    def __init__(
        self, *args: Any, languages: Sequence[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        """``languages``: the ones offered (a translation may only be in a missing one)."""
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = KnowledgeCategory.objects.all()
        category.empty_label = None
        if languages is not None:
            language = self.fields["language"]
            assert isinstance(language, forms.TypedChoiceField)
            language.choices = list(languages)

    def action_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ARTICLE_FIELDS}


def _other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class CategoryForm(forms.ModelForm[KnowledgeCategory]):
    class Meta:
        model = KnowledgeCategory
        fields = ["name", "slug", "description", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Made from the name when left empty.")
        self.fields["position"].required = False
        names = self.instance.names if isinstance(self.instance.names, dict) else {}
        for code, language in _other_languages():
            # Inserted right after the name they translate.
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                max_length=100,
                required=False,
                initial=names.get(code, ""),
            )
        order = ["name", *(f"name_{code}" for code, _l in _other_languages())]
        self.order_fields([*order, "slug", "description", "position"])

    def action_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in ("name", "slug", "description")}
        if self.cleaned_data["position"] is not None:  # else: last (new), or where it is
            values["position"] = self.cleaned_data["position"]
        values["names"] = {
            code: self.cleaned_data[f"name_{code}"] for code, _l in _other_languages()
        }
        return values
