from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sampark.chat import phrasing
from sampark.chat.models import ChatWidget
from sampark.core.forms import RoutingForm
from sampark.service.models import Category


class ChatWidgetForm(RoutingForm):
    owner_label = _("chats go to, when nobody is there")

    class Meta:
        model = ChatWidget
        fields = [
            "name",
            "allowed_origins",
            "owner",
            "team",
            "category",
            "assistant",
            "assistant_model",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Categories still offered, and the one the widget has kept.
        current = self.instance.category_id
        offered = Q(is_active=True) | Q(pk=current) if current else Q(is_active=True)
        self.fields["category"].queryset = Category.objects.filter(offered)  # type: ignore[attr-defined]
        if not phrasing.configured():
            # Nothing to turn on: the operator has not named a language model server.
            del self.fields["assistant_model"]

    def clean_allowed_origins(self) -> str:
        """Each line a site's origin (https://host[:port]), as browsers send it."""
        lines = [
            line.strip().rstrip("/") for line in self.cleaned_data["allowed_origins"].splitlines()
        ]
        lines = [line for line in lines if line]
        wrong = [
            line
            for line in lines
            if not line.startswith(("https://", "http://")) or "/" in line.split("://", 1)[1]
        ]
        if wrong:
            raise ValidationError(
                _("Write each site as https://www.example.com, without a path: %(lines)s"),
                params={"lines": ", ".join(wrong)},
            )
        return "\n".join(lines)

    def action_values(self, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
        return super().action_values(leave_out)
