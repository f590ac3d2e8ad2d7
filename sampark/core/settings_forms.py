"""Forms of the settings pages: users, teams and API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.translation import gettext_lazy as _

from sampark.core.forms import time_zone_choices
from sampark.core.models import ApiToken, Team, User
from sampark.core.roles import Role


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        full_name = user.get_full_name()
        return f"{full_name} ({user.username})" if full_name else user.username


class UserForm(forms.ModelForm[User]):
    """What an admin sets on a user; the role and teams are applied by the actions."""

    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    teams = forms.ModelMultipleChoiceField(
        label=_("teams"),
        queryset=Team.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "time_zone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("The link to choose a password is sent here.")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another user already has this email address."))
        return email


class UserCreateForm(UserForm):
    field_order = ["username", "first_name", "last_name", "email", "role", "teams"]

    class Meta(UserForm.Meta):
        fields = ["username", "first_name", "last_name", "email", "language", "time_zone"]


class UserEditForm(UserForm):
    field_order = ["first_name", "last_name", "email", "role", "teams", "is_active"]

    class Meta(UserForm.Meta):
        fields = ["first_name", "last_name", "email", "is_active", "language", "time_zone"]
        help_texts = {
            "is_active": _(
                "Deactivated users cannot sign in and their API tokens stop working; "
                "their records and history stay."
            )
        }

    def __init__(self, *args: Any, role: Role | None, teams: Iterable[Team], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"role": role, "teams": list(teams)})
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = ""


class TeamForm(forms.ModelForm[Team]):
    members = MemberChoiceField(
        label=_("members"),
        queryset=User.objects.order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Team
        fields = ["name", "description", "members"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TokenForm(forms.ModelForm[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        help_texts = {
            "name": _("What the token is for, such as the program that will use it."),
            "scope": _(
                "A read token can only read. A read-and-write token can also change records. "
                "Either way, it can do no more than your role allows."
            ),
        }


class PasswordLinkForm(PasswordResetForm):
    """Django's password-reset machinery, aimed at one user, to send them a password-set link.

    Unlike a reset asked for by email address, this reaches a user with no password yet, and a
    failure to send is raised to the caller instead of only being logged.
    """

    def __init__(self, user: User) -> None:
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email: str) -> list[User]:
        return [self.user] if self.user.is_active and self.user.email else []

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()
