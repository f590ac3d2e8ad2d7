"""The demo's sales: a pipeline with deals in every stage, some won and lost with their history,
products with prices in taka, rupees and dollars, and the exchange rates that add them up.

Everything goes through the sales actions, as a person's work would; only the clock is set
back afterwards (``_backdate``), so the board shows deals that have waited days in a stage
rather than seconds, and the history reads like weeks of work. Dates are relative to today and
nothing is random: the demo looks the same every time it is loaded.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.sales import actions, actions_products, actions_rates
from sampark.sales.actions_lines import save_lines
from sampark.sales.currency import base_currency
from sampark.sales.defaults import ensure_default_pipeline
from sampark.sales.models import Deal, LostReason, Product, StageChange

# Taka per unit of each currency: an older and a newer rate (taking effect this many days ago),
# so the rates page has history and deals closing at different dates use different rates.
TAKA_PER = (
    (120, {"USD": Decimal("110.00"), "INR": Decimal("1.32")}),
    (30, {"USD": Decimal("122.50"), "INR": Decimal("1.45")}),
)

# name, code, kind, unit, prices
PRODUCTS = [
    ("Sanchayapatra advisory", "SP-ADV", "service", "year", {"BDT": "15000"}),
    ("Margin account setup", "MRG-1", "service", "", {"BDT": "5000", "INR": "3500", "USD": "45"}),
    (
        "Portfolio management service",
        "PMS",
        "service",
        "quarter",
        {"BDT": "60000", "INR": "40000", "USD": "500"},
    ),
    ("Gold ETF units", "GOLDBEES", "asset", "unit", {"INR": "62.40"}),
    (
        "Trading terminal licence",
        "TT-PRO",
        "product",
        "seat",
        {"BDT": "12000", "INR": "8000", "USD": "99"},
    ),
]

OPEN, WON, LOST = "open", "won", "lost"

# deal name, contact (by name), company (by name or ""), currency, the stage it reached (its
# place in the pipeline), status, days since it was opened, expected close in days from today,
# amount (for deals without lines), lines: (product code, quantity, discount %)
DEALS = [
    (
        "সঞ্চয়পত্র পোর্টফোলিও",
        "মোহাম্মদ আব্দুল্লাহ",
        "পদ্মা সিকিউরিটিজ লিমিটেড",
        "BDT",
        0,
        OPEN,
        6,
        45,
        "2500000",
        (),
    ),
    (
        "মার্জিন অ্যাকাউন্ট",
        "তানভীর হাসান",
        "পদ্মা সিকিউরিটিজ লিমিটেড",
        "BDT",
        1,
        OPEN,
        12,
        30,
        "",
        (("MRG-1", 1, 0), ("TT-PRO", 3, 10)),
    ),
    (
        "রপ্তানি আয়ের বিনিয়োগ",
        "ফাতেমা খাতুন",
        "মেঘনা টেক্সটাইলস",
        "USD",
        2,
        OPEN,
        25,
        20,
        "",
        (("PMS", 4, 5),),
    ),
    ("অবসর পরিকল্পনা", "শাহানা পারভীন", "", "BDT", 3, OPEN, 40, 10, "1800000", ()),
    ("শিক্ষা সঞ্চয়", "সুমাইয়া আক্তার", "", "BDT", 4, OPEN, 33, 5, "", (("SP-ADV", 2, 0),)),
    (
        "চা বাগানের সম্প্রসারণ তহবিল",
        "রবীন্দ্র চক্রবর্তী",
        "Hooghly Tea Exports",
        "INR",
        1,
        OPEN,
        18,
        60,
        "4200000",
        (),
    ),
    ("পারিবারিক ট্রাস্ট", "শ্রেয়া ব্যানার্জি", "", "INR", 0, OPEN, 3, 90, "750000", ()),
    (
        "गोल्ड ईटीएफ पोर्टफोलियो",
        "राहुल वर्मा",
        "",
        "INR",
        2,
        OPEN,
        21,
        25,
        "",
        (("GOLDBEES", 5000, 0),),
    ),
    ("एसआईपी टॉप-अप", "अनीता देशपांडे", "", "INR", 0, OPEN, 9, 40, "300000", ()),
    (
        "संस्थागत पोर्टफोलियो प्रबंधन",
        "सुरेश कृष्णमूर्ति",
        "गंगा कैपिटल एडवाइज़र्स",
        "INR",
        3,
        OPEN,
        50,
        15,
        "",
        (("PMS", 4, 0), ("TT-PRO", 10, 15)),
    ),
    ("Offshore bond allocation", "James Fernandes", "", "USD", 2, OPEN, 28, 35, "85000", ()),
    (
        "Trading desk licences",
        "Ayesha Siddiqui",
        "",
        "USD",
        4,
        OPEN,
        20,
        7,
        "",
        (("TT-PRO", 12, 10),),
    ),
    (
        "NRI investment account",
        "Meera Nair",
        "",
        "INR",
        4,
        WON,
        35,
        -5,
        "",
        (("MRG-1", 1, 0), ("PMS", 2, 0)),
    ),
    ("Sanchayapatra renewal", "David Gomes", "", "BDT", 3, WON, 60, -20, "", (("SP-ADV", 1, 0),)),
    ("कर बचत योजना", "अमित त्रिपाठी", "", "INR", 4, WON, 45, -10, "450000", ()),
    ("Corporate treasury mandate", "Tahmid Chowdhury", "", "USD", 2, LOST, 50, -15, "120000", ()),
    ("মিউচুয়াল ফান্ড সুইচ", "সৌমিত্র মুখোপাধ্যায়", "", "INR", 1, LOST, 30, -2, "200000", ()),
]


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _rates(by: User) -> None:
    """The taka table's rates, converted when the base currency is another one it knows."""
    base = base_currency()
    for days_ago, rates in TAKA_PER:
        taka = {"BDT": Decimal(1), **rates}
        if base not in taka:
            return  # no rates for this base: deals in other currencies stay out of totals
        for currency, value in taka.items():
            if currency != base:
                rate = (value / taka[base]).quantize(Decimal("0.0000000001"))
                actions_rates.set_rate(
                    by=by, currency=currency, rate=rate, valid_from=_day(-days_ago)
                )


def _products(by: User) -> dict[str, Product]:
    """The demo's catalogue; products already there (a second load) are kept as they are."""
    codes = [code for _name, code, *_rest in PRODUCTS]
    existing = {product.code: product for product in Product.objects.filter(code__in=codes)}
    return {
        code: existing.get(code)
        or actions_products.create_product(
            by=by,
            name=name,
            code=code,
            kind=kind,
            unit=unit,
            prices=[{"currency": c, "unit_price": Decimal(p)} for c, p in prices.items()],
        )
        for name, code, kind, unit, prices in PRODUCTS
    }


def load_sales_demo(
    contacts: Mapping[str, Contact], companies: Mapping[str, Company], *, by: User
) -> dict[str, int]:
    """The demo's pipeline, products, rates and deals; their counts."""
    pipeline = ensure_default_pipeline(by=by)
    stages = list(pipeline.stages.order_by("position", "id"))
    _rates(by)
    products = _products(by)
    reasons = list(LostReason.objects.filter(is_active=True).values_list("name", flat=True))
    deals = 0
    for n, (
        name,
        person,
        firm,
        currency,
        reached,
        status,
        opened,
        closes,
        amount,
        lines,
    ) in enumerate(DEALS):
        contact = contacts.get(person)
        if contact is None or not stages:
            continue
        owner = contact.owner
        deal = actions.create_deal(
            by=owner,
            pipeline=pipeline,
            name=name,
            contact=contact,
            company=companies.get(firm),
            currency=currency,
            amount=Decimal(amount or 0),
            expected_close=_day(closes),
            source="Referral" if n % 3 == 0 else "Website",
            next_step="Send the proposal" if status == OPEN else "",
        )
        if lines:
            sold = [
                {
                    "product": products[code],
                    "quantity": Decimal(qty),
                    "discount_percent": Decimal(off),
                }
                for code, qty, off in lines
            ]
            deal = save_lines(deal, sold, by=owner)
        for stage in stages[1 : min(reached, len(stages) - 1) + 1]:
            deal = actions.move_deal(deal, stage, by=owner)
        if status == WON:
            deal = actions.win_deal(deal, by=owner)
        elif status == LOST:
            reason = reasons[n % len(reasons)] if reasons else ""
            deal = actions.lose_deal(deal, by=owner, reason=reason)
        _backdate(deal, opened)
        deals += 1
    return {"deals": deals, "products": len(products)}


def _backdate(deal: Deal, days: int) -> None:
    """Spread the deal's history over the ``days`` since it was opened: each move an equal
    step after the one before, the last one a day or more ago so the newest deals still show
    time in their stage."""
    changes = list(StageChange.objects.filter(deal=deal).order_by("at", "id"))
    now = timezone.now()
    opened = now - datetime.timedelta(days=days)
    step = (now - datetime.timedelta(days=1) - opened) / max(len(changes) - 1, 1)
    previous = None
    for k, change in enumerate(changes):
        change.at = opened + step * k
        change.seconds_in_previous = None if previous is None else int(step.total_seconds())
        previous = change.at
    StageChange.objects.bulk_update(changes, ["at", "seconds_in_previous"])
    closed = deal.status != OPEN
    Deal.objects.filter(pk=deal.pk).update(
        created_at=opened,
        stage_entered_at=changes[-1].at,
        closed_at=changes[-1].at if closed else None,
    )
