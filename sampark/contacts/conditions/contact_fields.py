"""What a rule can test about a contact from the contacts app itself: its own fields, tags,
companies, custom fields, the interactions logged with it, its transactions and referrals."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import builders
from sampark.contacts.conditions.fields import (
    IN_DAYS,
    Build,
    Condition,
    ConditionField,
    Kind,
    Op,
    register,
    register_provider,
)
from sampark.contacts.models import (
    Activity,
    ActivityKind,
    Affiliation,
    CompanySize,
    Contact,
    LifecycleStage,
    PreferredChannel,
    Tag,
    Transaction,
    TransactionKind,
)
from sampark.core.models import Team, User
from sampark.customfields import storage
from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomField, CustomObject, FieldKind
from sampark.lib.countries import country_choices

CONTACT = _("Contact")
COMPANY = _("Company")
INTERACTIONS = _("Interactions")
TRADING = _("Trading and purchases")
CUSTOM = _("Custom fields")


def _choices(pairs: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(str(code), str(label)) for code, label in pairs]


def _users() -> list[tuple[str, str]]:
    users = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
    return [(str(user.pk), user.get_full_name() or user.username) for user in users]


def _teams() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in Team.objects.order_by("name").values_list("pk", "name")]


def _tag_names() -> list[tuple[str, str]]:
    return [(name, name) for name in Tag.objects.values_list("name", flat=True)]


def _tags(condition: Condition) -> Q:
    links = Contact.tags.through.objects

    def tagged(names: list[str]) -> Q:
        return builders.has(links.filter(tag__name__in=names), "contact_id")

    if condition.op is Op.HAS_ALL:
        every = Q()
        for name in condition.value:
            every &= tagged([name])
        return every
    if condition.op is Op.HAS_NONE:
        return ~tagged(condition.value)
    return tagged(condition.value)


def _activities(*kinds: str) -> builders.RelatedCount:
    return builders.RelatedCount(Activity, Q(kind__in=kinds) if kinds else Q())


def _kinds(*kinds: str, losses: bool = False) -> Q:
    where = Q(kind__in=kinds) if kinds else Q()
    return where & Q(profit__lt=0) if losses else where


def _transactions(*kinds: str, losses: bool = False) -> builders.Related:
    return lambda: Transaction.objects.filter(_kinds(*kinds, losses=losses))


def _counted(*kinds: str, losses: bool = False) -> builders.RelatedCount:
    return builders.RelatedCount(Transaction, _kinds(*kinds, losses=losses))


def _company(target: str, kind: Kind) -> Build:
    return builders.related_value(lambda: Affiliation.objects.all(), f"company__{target}", kind)


# Custom field kinds as rule kinds; several-choice fields are tested like tags.
_CUSTOM_KINDS = {
    FieldKind.TEXT: Kind.TEXT,
    FieldKind.URL: Kind.TEXT,
    FieldKind.NUMBER: Kind.NUMBER,
    FieldKind.MONEY: Kind.NUMBER,
    FieldKind.DATE: Kind.DATE,
    FieldKind.CHOICE: Kind.CHOICE,
    FieldKind.MULTI_CHOICE: Kind.TAGS,
    FieldKind.BOOLEAN: Kind.BOOLEAN,
}


def _custom_build(custom: CustomField, kind: Kind) -> Build:
    if kind is Kind.TAGS:
        return lambda condition: _has_options(custom, condition)
    if kind is Kind.DATE:
        return lambda condition: _custom_date(custom, condition)
    return builders.expression(lambda: storage.CustomValue(custom), kind)


def _has_options(custom: CustomField, condition: Condition) -> Q:
    def has(option: str) -> Q:
        return storage.has_option(custom, option)

    if condition.op is Op.HAS_ALL:
        every = Q()
        for option in condition.value:
            every &= has(option)
        return every
    anyone = Q(pk__in=[])
    for option in condition.value:
        anyone |= has(option)
    return ~anyone if condition.op is Op.HAS_NONE else anyone


def _custom_date(custom: CustomField, condition: Condition) -> Q:
    """Custom dates are ISO text in JSON, compared as text (which sorts as dates do)."""
    expression = storage.CustomValue(custom)
    op, value = condition.op, condition.value
    if op in IN_DAYS:
        assert condition.now is not None
        today = timezone.localdate(condition.now)
        bound = (today - datetime.timedelta(days=value)).isoformat()
        if op is Op.MORE_THAN_AGO:
            return builders.on(expression, "lt", bound)
        return builders.on(expression, "gte", bound) & builders.on(
            expression, "lte", today.isoformat()
        )
    if op is Op.AFTER:
        return builders.on(expression, "gt", value.isoformat())
    if op is Op.BEFORE:
        return builders.on(expression, "lt", value.isoformat())
    return builders.value_q(expression, Kind.DATE, condition, blank=None)


def _fixed(options: list[tuple[str, str]]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: options


def _custom_fields() -> list[ConditionField]:
    fields = []
    for custom in custom_values.definitions(CustomObject.CONTACT):
        kind = _CUSTOM_KINDS[FieldKind(custom.kind)]
        options: list[tuple[str, str]] = [(o["key"], o["label"]) for o in custom.options]
        fields.append(
            ConditionField(
                f"custom.{custom.key}",
                custom.label,
                CUSTOM,
                kind,
                _custom_build(custom, kind),
                choices=_fixed(options) if options else None,
            )
        )
    return fields


def register_all() -> None:
    """Called once, from the contacts app's ``ready``."""
    register(
        ConditionField("display_name", _("Name"), CONTACT, Kind.TEXT, builders.column("display_name", Kind.TEXT)),
        ConditionField("email", _("Email"), CONTACT, Kind.TEXT, builders.column("email", Kind.TEXT)),
        ConditionField("phone", _("Phone"), CONTACT, Kind.TEXT, builders.column("phone", Kind.TEXT)),
        ConditionField(
            "country", _("Country"), CONTACT, Kind.CHOICE, builders.column("country", Kind.CHOICE),
            choices=country_choices,
        ),
        ConditionField(
            "language", _("Preferred language"), CONTACT, Kind.CHOICE,
            builders.column("language", Kind.CHOICE), choices=lambda: _choices(settings.LANGUAGES),
        ),
        ConditionField(
            "time_zone", _("Time zone"), CONTACT, Kind.TEXT, builders.column("time_zone", Kind.TEXT)
        ),
        ConditionField(
            "lifecycle_stage", _("Lifecycle stage"), CONTACT, Kind.CHOICE,
            builders.column("lifecycle_stage", Kind.CHOICE),
            choices=lambda: _choices(LifecycleStage.choices),
        ),
        ConditionField(
            "preferred_channel", _("Preferred channel"), CONTACT, Kind.CHOICE,
            builders.column("preferred_channel", Kind.CHOICE),
            choices=lambda: _choices(PreferredChannel.choices),
        ),
        ConditionField("source", _("Source"), CONTACT, Kind.TEXT, builders.column("source", Kind.TEXT)),
        ConditionField(
            "owner", _("Owner"), CONTACT, Kind.CHOICE,
            builders.column("owner_id", Kind.CHOICE, blank=None), choices=_users,
        ),
        ConditionField(
            "team", _("Team"), CONTACT, Kind.CHOICE, builders.column("team_id", Kind.CHOICE, blank=None),
            choices=_teams,
        ),
        ConditionField("tags", _("Tags"), CONTACT, Kind.TAGS, _tags, choices=_tag_names),
        ConditionField(
            "created_at", _("Became a contact"), CONTACT, Kind.DATE,
            builders.column("created_at", Kind.DATE, blank=None),
        ),
        ConditionField(
            "updated_at", _("Last changed"), CONTACT, Kind.DATE,
            builders.column("updated_at", Kind.DATE, blank=None),
        ),
        ConditionField(
            "referred", _("Referred by another client"), CONTACT, Kind.BOOLEAN,
            lambda c: Q(referred_by__isnull=c.op is Op.IS_FALSE),
        ),
        ConditionField(
            "referrals", _("Clients they referred"), CONTACT, Kind.COUNT,
            builders.RelatedCount(Contact, link="referred_by_id", when="created_at"),
        ),
        ConditionField("company", _("Company name"), COMPANY, Kind.TEXT, _company("name", Kind.TEXT)),
        ConditionField(
            "company_industry", _("Company industry"), COMPANY, Kind.TEXT,
            _company("industry", Kind.TEXT),
        ),
        ConditionField(
            "company_size", _("Company size"), COMPANY, Kind.CHOICE, _company("size", Kind.CHOICE),
            choices=lambda: _choices(CompanySize.choices),
        ),
        ConditionField(
            "interactions", _("Interactions (any kind)"), INTERACTIONS, Kind.COUNT,
            _activities(),
        ),
        ConditionField(
            "calls", _("Calls"), INTERACTIONS, Kind.COUNT,
            _activities(ActivityKind.CALL),
        ),
        ConditionField(
            "meetings", _("Meetings"), INTERACTIONS, Kind.COUNT,
            _activities(ActivityKind.MEETING),
        ),
        ConditionField(
            "emails", _("Emails"), INTERACTIONS, Kind.COUNT,
            _activities(ActivityKind.EMAIL),
        ),
        ConditionField(
            "transactions", _("Transactions (any kind)"), TRADING, Kind.COUNT,
            _counted(),
        ),
        ConditionField(
            "trades", _("Trades"), TRADING, Kind.COUNT,
            _counted(TransactionKind.TRADE),
        ),
        ConditionField(
            "losing_trades", _("Trades with a loss"), TRADING, Kind.COUNT,
            _counted(TransactionKind.TRADE, losses=True),
        ),
        ConditionField(
            "purchases", _("Purchases"), TRADING, Kind.COUNT,
            _counted(TransactionKind.PURCHASE),
        ),
        ConditionField(
            "deposits", _("Deposits"), TRADING, Kind.COUNT,
            _counted(TransactionKind.DEPOSIT),
        ),
        ConditionField(
            "withdrawals", _("Withdrawals"), TRADING, Kind.COUNT,
            _counted(TransactionKind.WITHDRAWAL),
        ),
        ConditionField(
            "traded_asset", _("Traded asset"), TRADING, Kind.TEXT,
            builders.related_value(
                _transactions(TransactionKind.TRADE, TransactionKind.PURCHASE),
                "product",
                Kind.TEXT,
                when="occurred_at",
            ),
            ops=(Op.IS, Op.IS_NOT, Op.CONTAINS),
            windowed=True,
            help_text=_("A product or asset they traded or bought: “is not” keeps those who never did."),
        ),
        ConditionField(
            "transaction_total", _("Amount of all transactions"), TRADING, Kind.TOTAL,
            builders.related_total(_transactions()),
        ),
        ConditionField(
            "trade_volume", _("Amount traded"), TRADING, Kind.TOTAL,
            builders.related_total(_transactions(TransactionKind.TRADE)),
        ),
        ConditionField(
            "deposit_total", _("Amount deposited"), TRADING, Kind.TOTAL,
            builders.related_total(_transactions(TransactionKind.DEPOSIT)),
        ),
    )  # fmt: skip
    register_provider(_custom_fields)
