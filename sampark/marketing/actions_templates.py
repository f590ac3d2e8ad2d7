"""Every write to email templates and senders: checked (every variant through the sandbox's
``check``), versioned and audited."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import StaleVersion
from sampark.core.roles import Role, role_of
from sampark.marketing import access, personalise
from sampark.marketing.models import EmailTemplate, Sender, TemplateVariant
from sampark.marketing.models.templates import NAME_MAX_LENGTH, SUBJECT_MAX_LENGTH

# language -> (subject, body); a language left out or with both empty has no variant.
Variants = Mapping[str, tuple[str, str]]


def may_change_template(user: User, template: EmailTemplate) -> bool:
    role = role_of(user)
    return role in (Role.ADMIN, Role.MANAGER) or (
        access.may_add(user) and template.owner_id == user.pk
    )


def save_template(
    template: EmailTemplate | None,
    *,
    by: User,
    name: str,
    description: str = "",
    default_language: str = settings.LANGUAGE_CODE,
    variants: Variants,
    expected_version: int | None = None,
) -> EmailTemplate:
    """Create (``template`` None) or change a template and its variants; ValidationError keyed
    by field ("name", "bn.subject", "en.body")."""
    if template is None and not access.may_add(by):
        raise PermissionDenied(_("Read-only users cannot write templates."))
    if template is not None and not may_change_template(by, template):
        raise PermissionDenied(_("Only whoever wrote this template, or a manager, may change it."))
    name = name.strip()
    written = {
        language: (subject.strip(), body.strip())
        for language, (subject, body) in variants.items()
        if subject.strip() or body.strip()
    }
    problems = _problems(template, name, default_language, written)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if template is None:
            template = EmailTemplate.objects.create(
                name=name, description=description, default_language=default_language, owner=by
            )
            action = AuditAction.CREATE
        else:
            stored = EmailTemplate.objects.select_for_update().get(pk=template.pk)
            if expected_version is not None and stored.version != expected_version:
                raise StaleVersion(stored.version)
            template.name, template.description = name, description
            template.default_language = default_language
            template.version = stored.version + 1
            template.updated_at = timezone.now()
            template.save()
            action = AuditAction.UPDATE
        template.variants.exclude(language__in=list(written)).delete()
        for language, (subject, body) in written.items():
            TemplateVariant.objects.update_or_create(
                template=template, language=language, defaults={"subject": subject, "body": body}
            )
        audit.record(
            action,
            template,
            by=by,
            changes={"name": [None, name], "variants": [None, sorted(written)]},
        )
    return template


def _problems(
    template: EmailTemplate | None,
    name: str,
    default_language: str,
    written: Mapping[str, tuple[str, str]],
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = [_("Give the template a name.")]
    elif len(name) > NAME_MAX_LENGTH:
        problems["name"] = [_("At most %(n)d characters.") % {"n": NAME_MAX_LENGTH}]
    elif _name_taken(name, template):
        problems["name"] = [_("Another template already has this name.")]
    languages = dict(settings.LANGUAGES)
    if default_language not in languages:
        problems["default_language"] = [_("Choose a language.")]
    for language, (subject, body) in written.items():
        if language not in languages:
            problems[language] = [_("Not a language of Sampark.")]
            continue
        if not subject:
            problems[f"{language}.subject"] = [_("Write a subject.")]
        elif len(subject) > SUBJECT_MAX_LENGTH:
            problems[f"{language}.subject"] = [
                _("At most %(n)d characters.") % {"n": SUBJECT_MAX_LENGTH}
            ]
        elif found := personalise.check(subject):
            problems[f"{language}.subject"] = found
        if not body:
            problems[f"{language}.body"] = [_("Write the message.")]
        elif found := personalise.check(body):
            problems[f"{language}.body"] = found
    if not written:
        problems["variants"] = [_("Write the message in at least one language.")]
    elif default_language in languages and default_language not in written:
        problems["default_language"] = [
            _("Write the message in the default language, or choose another.")
        ]
    return problems


def _name_taken(name: str, template: EmailTemplate | None) -> bool:
    others = EmailTemplate.objects.filter(name__iexact=name)
    return (others.exclude(pk=template.pk) if template else others).exists()


def save_sender(sender: Sender | None, *, by: User, values: Mapping[str, str]) -> Sender:
    """Add or change a sender (admins and managers): who marketing mail is from."""
    if role_of(by) not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied(_("Only admins and managers manage senders."))
    sender = sender or Sender()
    cleaned = {
        key: str(values.get(key, "")).strip()
        for key in ("name", "from_address", "reply_to", "postal_address")
    }
    problems: dict[str, list[str]] = {}
    if not cleaned["name"]:
        problems["name"] = [_("Give the sender a name.")]
    for key in ("from_address", "reply_to"):
        if cleaned[key] or key == "from_address":
            try:
                validate_email(cleaned[key])
            except ValidationError:
                problems[key] = [_("Enter an email address.")]
    if not cleaned["postal_address"]:
        problems["postal_address"] = [_("Marketing email must show a postal address.")]
    if problems:
        raise ValidationError(problems)
    action = AuditAction.UPDATE if sender.pk else AuditAction.CREATE
    with transaction.atomic():
        for key, value in cleaned.items():
            setattr(sender, key, value)
        sender.save()
        audit.record(action, sender, by=by, changes={k: [None, v] for k, v in cleaned.items()})
    return sender
