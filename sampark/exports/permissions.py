"""Who may export: those who hold the permission to, and only what they may see.

Admins and managers hold ``exports.export_contact`` and ``exports.export_company`` by default;
agents and read-only users do not, though they see their team's records: a file leaves
Sampark's permission layer and audit trail for good, and an agent's export of the team's
clients is the classic way a book of business walks out of the door. An admin may grant or take
back the permissions per role group (or per user) in Django's admin.

What is exported is still only what the user may see (``visible_to``): the permission allows
the act, never more rows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.core.records import OwnedRecord
from sampark.core.roles import Action, Reach, Role, group_name, reach

PERMISSIONS: dict[type[OwnedRecord], str] = {
    Contact: "exports.export_contact",
    Company: "exports.export_company",
}
DEFAULT_ROLES = (Role.ADMIN, Role.MANAGER)


def may_export(user: User, model: type[OwnedRecord]) -> bool:
    return reach(user, Action.VIEW) is not Reach.NONE and user.has_perm(PERMISSIONS[model])


def grant_by_default(**_: Any) -> None:
    """Give the default roles' groups the permissions to export, once they exist.

    As with core's ``sync_role_groups``, a group that already holds any of them is left alone,
    so an admin's choice survives the next migrate; one who takes every export permission from
    a default role sees them granted again by the next migrate (say so in its README).
    """
    from django.contrib.auth.models import Group, Permission

    codenames = [name.partition(".")[2] for name in PERMISSIONS.values()]
    permissions = list(
        Permission.objects.filter(content_type__app_label="exports", codename__in=codenames)
    )
    if len(permissions) < len(codenames):
        return  # not created yet: this runs again after the next app's migrations
    for role in DEFAULT_ROLES:
        group, _created = Group.objects.get_or_create(name=group_name(role))
        if not group.permissions.filter(pk__in=[p.pk for p in permissions]).exists():
            group.permissions.add(*permissions)


def require_export(user: User, model: type[OwnedRecord]) -> None:
    """Refuse (403) unless ``user`` may export ``model``'s records."""
    if not may_export(user, model):
        raise PermissionDenied(_("Your role does not allow exporting these records."))
