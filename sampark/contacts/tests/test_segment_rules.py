"""The segment rule engine against a hand-built set of clients whose answers are known: each
kind's comparisons, nesting, related records with time windows, and refusals by path."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sampark.contacts.conditions import RuleError, check, fields_used, to_q
from sampark.contacts.models import ActivityKind, Contact, Tag, TransactionKind
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.customfields.actions import define_field
from sampark.customfields.models import CustomObject, FieldKind

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def clients() -> dict[str, Contact]:
    """Six clients:
    - Rahim (BD, bn, customer, tags VIP+Trader): 12 trades in the last 30 days, one at a loss;
      a call 5 days ago; 2,00,000 BDT traded; works at Padma Securities; risk "high".
    - Sunita (IN, hi, customer, tag Trader): 3 trades 10 days ago, 1 of them in 2024 (old);
      referred by Rahim; risk "low"; portfolio 50,000.
    - Amit (IN, en, lead, no tags): no transactions; no email; became a contact 400 days ago.
    - Karim (BD, bn, churned, tag VIP): last purchase 200 days ago; referred by Rahim.
    - Meera (no country, en, qualified): one deposit of 5,000 USD 3 days ago.
    - Jon (GB, en, subscriber): a meeting and an email 60 days ago; owner is the other agent.
    """
    team = TeamFactory(name="Dhaka desk")
    owner = make_user(Role.AGENT, team)
    other = make_user(Role.AGENT, team)
    vip, trader = Tag.objects.create(name="VIP"), Tag.objects.create(name="Trader")
    risk = define_field(
        by=owner,
        object=CustomObject.CONTACT,
        label="Risk profile",
        key="risk_profile",
        kind=FieldKind.CHOICE,
        options=[{"key": k, "label": k.title()} for k in ("low", "medium", "high")],
    )
    define_field(
        by=owner,
        object=CustomObject.CONTACT,
        label="Portfolio",
        key="portfolio",
        kind=FieldKind.MONEY,
        currency="BDT",
    )
    define_field(
        by=owner, object=CustomObject.CONTACT, label="Review", key="review", kind=FieldKind.DATE
    )
    assert risk.key == "risk_profile"

    def contact(name: str, **values: Any) -> Contact:
        values.setdefault("owner", owner)
        return ContactFactory(display_name=name, team=team, **values)

    today = timezone.localdate(NOW)
    made = {
        "Rahim": contact(
            "Rahim",
            country="BD",
            language="bn",
            lifecycle_stage="customer",
            custom={
                "risk_profile": "high",
                "review": (today - datetime.timedelta(days=10)).isoformat(),
            },
        ),
        "Sunita": contact(
            "Sunita",
            country="IN",
            language="hi",
            lifecycle_stage="customer",
            custom={"risk_profile": "low", "portfolio": 50000},
        ),
        "Amit": contact("Amit", country="IN", language="en", email="", created_at=days_ago(400)),
        "Karim": contact("Karim", country="BD", language="bn", lifecycle_stage="churned"),
        "Meera": contact("Meera", country="", language="en", lifecycle_stage="qualified"),
        "Jon": contact(
            "Jon", country="GB", language="en", lifecycle_stage="subscriber", owner=other
        ),
    }
    rahim, sunita, karim = made["Rahim"], made["Sunita"], made["Karim"]
    rahim.tags.add(vip, trader)
    sunita.tags.add(trader)
    karim.tags.add(vip)
    Contact.objects.filter(pk__in=[sunita.pk, karim.pk]).update(referred_by=rahim)
    padma = CompanyFactory(name="Padma Securities", industry="Brokerage")
    rahim.affiliations.create(company=padma)

    def trade(who: Contact, when: datetime.datetime, **values: Any) -> None:
        values.setdefault("kind", TransactionKind.TRADE)
        TransactionFactory(contact=who, occurred_at=when, owner=owner, **values)

    for n in range(12):
        trade(
            rahim,
            days_ago(n + 1),
            amount=Decimal("16000"),
            profit=Decimal("-5") if n == 0 else None,
        )
    for _n in range(2):
        trade(sunita, days_ago(10), product="TCS", currency="INR")
    trade(sunita, days_ago(800), product="TCS", currency="INR")
    trade(karim, days_ago(200), kind=TransactionKind.PURCHASE, product="Sanchayapatra")
    trade(
        made["Meera"],
        days_ago(3),
        kind=TransactionKind.DEPOSIT,
        amount=Decimal("5000"),
        currency="USD",
    )
    ActivityFactory(contact=rahim, kind=ActivityKind.CALL, occurred_at=days_ago(5), owner=owner)
    jon = made["Jon"]
    ActivityFactory(contact=jon, kind=ActivityKind.MEETING, occurred_at=days_ago(60), owner=other)
    ActivityFactory(contact=jon, kind=ActivityKind.EMAIL, occurred_at=days_ago(60), owner=other)
    return made


def members(rule: dict[str, Any]) -> set[str]:
    checked = check(rule)
    return set(
        Contact.objects.filter(to_q(checked, now=NOW)).values_list("display_name", flat=True)
    )


def one(field: str, op: str, value: Any = None, **extra: Any) -> set[str]:
    condition = {"field": field, "op": op, **extra}
    if value is not None:
        condition["value"] = value
    return members({"match": "all", "conditions": [condition]})


EVERYONE = {"Rahim", "Sunita", "Amit", "Karim", "Meera", "Jon"}


def test_an_empty_group_keeps_everyone(clients: dict[str, Contact]) -> None:
    assert members({"match": "all", "conditions": []}) == EVERYONE
    assert members({"match": "any", "conditions": []}) == EVERYONE


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        ("is", "rahim", {"Rahim"}),  # case does not matter
        ("is_not", "Rahim", EVERYONE - {"Rahim"}),
        ("contains", "i", {"Rahim", "Sunita", "Amit", "Karim"}),
        ("not_contains", "i", {"Meera", "Jon"}),
        ("starts_with", "Su", {"Sunita"}),
    ],
)
def test_text_comparisons(
    clients: dict[str, Contact], op: str, value: str, expected: set[str]
) -> None:
    assert one("display_name", op, value) == expected


def test_text_given_and_empty(clients: dict[str, Contact]) -> None:
    assert one("email", "is_empty") == {"Amit"}
    assert one("email", "is_set") == EVERYONE - {"Amit"}
    # "is not" keeps those with no value at all: Amit has no email.
    assert "Amit" in one("email", "is_not", "x@example.com")


def test_choice_comparisons_and_empty_values(clients: dict[str, Contact]) -> None:
    assert one("country", "is", ["BD", "IN"]) == {"Rahim", "Sunita", "Amit", "Karim"}
    assert one("country", "is", "GB") == {"Jon"}
    # "Is not Bangladesh" keeps the client whose country is not known.
    assert one("country", "is_not", ["BD"]) == {"Sunita", "Amit", "Meera", "Jon"}
    assert one("country", "is_empty") == {"Meera"}
    assert one("language", "is", ["bn"]) == {"Rahim", "Karim"}
    assert one("lifecycle_stage", "is", ["customer"]) == {"Rahim", "Sunita"}


def test_owner_and_team(clients: dict[str, Contact]) -> None:
    jon = clients["Jon"]
    assert one("owner", "is", [str(jon.owner_id)]) == {"Jon"}
    assert one("team", "is", [str(jon.team_id)]) == EVERYONE


def test_tags(clients: dict[str, Contact]) -> None:
    assert one("tags", "has_any", ["VIP", "Trader"]) == {"Rahim", "Sunita", "Karim"}
    assert one("tags", "has_all", ["VIP", "Trader"]) == {"Rahim"}
    assert one("tags", "has_none", ["VIP"]) == EVERYONE - {"Rahim", "Karim"}


def test_dates_of_the_contact(clients: dict[str, Contact]) -> None:
    assert one("created_at", "more_than_ago", 365) == {"Amit"}
    assert one("created_at", "within_last", 30) == EVERYONE - {"Amit"}
    a_year_ago = timezone.localdate(days_ago(365)).isoformat()
    assert one("created_at", "before", a_year_ago) == {"Amit"}
    assert one("created_at", "after", a_year_ago) == EVERYONE - {"Amit"}


def test_referrals(clients: dict[str, Contact]) -> None:
    assert one("referred", "is_true") == {"Sunita", "Karim"}
    assert one("referred", "is_false") == EVERYONE - {"Sunita", "Karim"}
    assert one("referrals", "at_least", 2) == {"Rahim"}


def test_company_of_the_contact(clients: dict[str, Contact]) -> None:
    assert one("company", "contains", "padma") == {"Rahim"}
    assert one("company_industry", "is", "brokerage") == {"Rahim"}
    assert one("company", "is_empty") == EVERYONE - {"Rahim"}


@pytest.mark.parametrize(
    ("op", "value", "days", "expected"),
    [
        ("at_least", 10, 30, {"Rahim"}),  # "≥ 10 trades in the last 30 days"
        ("at_least", 2, 30, {"Rahim", "Sunita"}),
        ("at_least", 3, None, {"Rahim", "Sunita"}),  # Sunita's third trade is old
        ("at_least", 3, 30, {"Rahim"}),
        ("at_most", 2, 30, EVERYONE - {"Rahim"}),  # those with none are in
        ("exactly", 2, 30, {"Sunita"}),
        ("exactly", 0, None, {"Amit", "Karim", "Meera", "Jon"}),
        ("none", None, 30, {"Amit", "Karim", "Meera", "Jon"}),
        ("at_least", 0, None, EVERYONE),
    ],
)
def test_counts_of_trades_within_a_window(
    clients: dict[str, Contact], op: str, value: int | None, days: int | None, expected: set[str]
) -> None:
    extra = {"days": days} if days else {}
    assert one("trades", op, value, **extra) == expected


def test_no_purchase_for_90_days_among_those_who_bought(clients: dict[str, Contact]) -> None:
    dormant = {
        "match": "all",
        "conditions": [
            {"field": "transactions", "op": "at_least", "value": 1},
            {"field": "transactions", "op": "none", "days": 90},
        ],
    }
    assert members(dormant) == {"Karim"}


def test_other_transaction_counts(clients: dict[str, Contact]) -> None:
    assert one("losing_trades", "at_least", 1) == {"Rahim"}
    assert one("purchases", "at_least", 1) == {"Karim"}
    assert one("deposits", "at_least", 1, days=7) == {"Meera"}
    assert one("withdrawals", "at_least", 1) == set()


def test_totals_add_up_one_currency_only(clients: dict[str, Contact]) -> None:
    # Rahim traded 12 x 16,000 = 1,92,000 BDT; Sunita's trades are in rupees.
    assert one("trade_volume", "at_least", "150000") == {"Rahim"}
    assert one("trade_volume", "at_least", "1", currency="INR") == {"Sunita"}
    assert one("trade_volume", "at_least", "100000", days=5) == set()  # 5 x 16,000 in 5 days
    assert one("trade_volume", "at_most", "1000") == EVERYONE - {"Rahim"}
    assert one("deposit_total", "at_least", "5000", currency="usd") == {"Meera"}


def test_traded_asset(clients: dict[str, Contact]) -> None:
    assert one("traded_asset", "is", "tcs") == {"Sunita"}
    assert one("traded_asset", "is", "TCS", days=30) == {"Sunita"}
    assert one("traded_asset", "is", "Sanchayapatra", days=30) == set()
    assert one("traded_asset", "is_not", "GP") == EVERYONE - {"Rahim"}


def test_interactions(clients: dict[str, Contact]) -> None:
    assert one("interactions", "at_least", 1, days=30) == {"Rahim"}
    assert one("interactions", "at_least", 2) == {"Jon"}
    assert one("calls", "at_least", 1) == {"Rahim"}
    assert one("meetings", "none") == EVERYONE - {"Jon"}
    assert one("emails", "at_least", 1, days=90) == {"Jon"}


def test_custom_fields(clients: dict[str, Contact]) -> None:
    assert one("custom.risk_profile", "is", ["high"]) == {"Rahim"}
    assert one("custom.risk_profile", "is_not", ["high"]) == EVERYONE - {"Rahim"}
    assert one("custom.risk_profile", "is_empty") == EVERYONE - {"Rahim", "Sunita"}
    assert one("custom.portfolio", "at_least", "50000") == {"Sunita"}
    assert one("custom.portfolio", "below", "50000") == set()
    assert one("custom.portfolio", "between", ["10000", "60000"]) == {"Sunita"}
    assert one("custom.review", "within_last", 30) == {"Rahim"}
    assert one("custom.review", "more_than_ago", 30) == set()
    assert one("custom.review", "before", timezone.localdate(NOW).isoformat()) == {"Rahim"}


def test_nested_groups(clients: dict[str, Contact]) -> None:
    # Clients in Bangladesh who trade often or are VIPs; or anyone who deposited this week.
    rule = {
        "match": "any",
        "conditions": [
            {
                "match": "all",
                "conditions": [
                    {"field": "country", "op": "is", "value": ["BD"]},
                    {
                        "match": "any",
                        "conditions": [
                            {"field": "trades", "op": "at_least", "value": 10, "days": 30},
                            {"field": "tags", "op": "has_any", "value": ["VIP"]},
                        ],
                    },
                ],
            },
            {"field": "deposits", "op": "at_least", "value": 1, "days": 7},
        ],
    }
    assert members(rule) == {"Rahim", "Karim", "Meera"}
    assert fields_used(check(rule)) == {"country", "trades", "tags", "deposits"}


def test_no_condition_repeats_a_contact(clients: dict[str, Contact]) -> None:
    rule = check(
        {
            "match": "all",
            "conditions": [
                {"field": "tags", "op": "has_any", "value": ["VIP", "Trader"]},
                {"field": "trades", "op": "at_least", "value": 1},
            ],
        }
    )
    assert Contact.objects.filter(to_q(rule, now=NOW)).count() == 2


def test_a_rule_on_a_deleted_field_keeps_no_one(clients: dict[str, Contact]) -> None:
    from sampark.contacts.conditions.tree import to_q as compile_rule

    rule = {"match": "all", "conditions": [{"field": "custom.gone", "op": "is_set"}]}
    assert not Contact.objects.filter(compile_rule(rule, now=NOW)).exists()


def test_every_problem_is_reported_where_it_is(clients: dict[str, Contact]) -> None:
    with pytest.raises(RuleError) as caught:
        check(
            {
                "match": "some",
                "conditions": [
                    {"field": "nope", "op": "is"},
                    {"field": "trades", "op": "at_least", "value": "ten", "days": 0},
                    {
                        "match": "all",
                        "conditions": [{"field": "country", "op": "is", "value": ["XX"]}],
                    },
                    {"field": "country", "op": "above", "value": 3},
                    {"field": "trade_volume", "op": "at_least", "value": 1, "currency": "taka"},
                    {"field": "custom.portfolio", "op": "between", "value": [9, 1]},
                    {"field": "email", "op": "is", "value": "x", "color": "red"},
                ],
            }
        )
    problems = caught.value.problems
    assert set(problems) == {
        "match",
        "conditions.0.field",
        "conditions.1.value",
        "conditions.1.days",
        "conditions.2.conditions.0.value",
        "conditions.3.op",
        "conditions.4.currency",
        "conditions.5.value",
        "conditions.6.color",
    }
    assert "XX" in problems["conditions.2.conditions.0.value"][0]


def test_depth_and_size_are_limited(clients: dict[str, Contact]) -> None:
    rule: dict[str, Any] = {"match": "all", "conditions": []}
    inner = rule
    for _level in range(5):
        child: dict[str, Any] = {"match": "all", "conditions": []}
        inner["conditions"].append(child)
        inner = child
    with pytest.raises(RuleError, match="nested"):
        check(rule)
    many = {"match": "all", "conditions": [{"field": "email", "op": "is_set"}] * 51}
    with pytest.raises(RuleError, match="at most 50"):
        check(many)


def test_a_checked_rule_is_normalised(clients: dict[str, Contact]) -> None:
    rule = check(
        {
            "match": "all",
            "conditions": [
                {"field": "country", "op": "is", "value": "BD"},
                {"field": "trades", "op": "at_least", "value": "10", "days": "30"},
                {"field": "trade_volume", "op": "at_least", "value": 5, "currency": "usd"},
                {"field": "email", "op": "is_set", "value": "ignored"},
            ],
        }
    )
    assert rule["conditions"] == [
        {"field": "country", "op": "is", "value": ["BD"]},
        {"field": "trades", "op": "at_least", "value": 10, "days": 30},
        {"field": "trade_volume", "op": "at_least", "value": "5", "currency": "USD"},
        {"field": "email", "op": "is_set"},
    ]


COUNTS = [
    {"field": "trades", "op": "at_least", "value": 10, "days": 30},
    {"field": "trades", "op": "at_most", "value": 2, "days": 30},
    {"field": "transactions", "op": "none", "days": 90},
    {"field": "losing_trades", "op": "at_least", "value": 1},
    {"field": "transactions", "op": "exactly", "value": 1},
    {"field": "deposits", "op": "at_least", "value": 1, "days": 7},
    {"field": "trades", "op": "at_least", "value": 0},
]


@pytest.mark.parametrize("match", ["all", "any"])
def test_counts_on_one_table_read_together_agree_with_each_alone(
    clients: dict[str, Contact], match: str
) -> None:
    """Counts over the transactions in one group are read in one grouped pass; whatever the
    mix of "at least", "at most", "exactly" and "none", it keeps what each alone would."""
    combine = set.intersection if match == "all" else set.union
    alone = [members({"match": "all", "conditions": [c]}) for c in COUNTS]
    for size in (2, 3):
        for chosen in itertools.combinations(range(len(COUNTS)), size):
            rule = {"match": match, "conditions": [COUNTS[i] for i in chosen]}
            assert members(rule) == combine(*(alone[i] for i in chosen)), rule
