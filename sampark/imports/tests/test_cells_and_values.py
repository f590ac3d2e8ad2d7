"""A cell's text made into what is stored: cleaned, split, read as a number, date or choice."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts.models import LifecycleStage
from sampark.imports import choices, values
from sampark.imports.cells import clean, clean_block, split_emails, split_list, split_name

pytestmark = pytest.mark.django_db


def test_invisible_and_reordering_characters_go_but_joiners_stay():
    assert clean("\u202emoc.liame\u202c@x.com") == "moc.liame@x.com"
    assert clean("Ra\u200bhim\ufeff  \u00a0Uddin\u200f") == "Rahim Uddin"
    # The zero-width joiner is part of Bengali spelling (র‍্যাব).
    assert clean("র\u200d্যাব") == "র\u200d্যাব"
    # Decomposed text is stored composed.
    assert clean("Jose\u0301") == "José"
    assert clean("a\x00b\tc") == "a b c"


def test_an_exported_formula_quote_is_taken_off_again():
    assert clean("'=1+1") == "=1+1"
    assert clean("'+8801711000001") == "+8801711000001"
    assert clean("'tis") == "'tis"


def test_blocks_keep_their_lines():
    assert clean_block(" first \r\n\r\nsecond\u202e ") == "first\n\nsecond"


def test_cells_holding_several_values_are_split():
    assert split_emails("a@x.com; b@x.com, c@x.com\nd@x.com") == [
        "a@x.com",
        "b@x.com",
        "c@x.com",
        "d@x.com",
    ]
    # A comma may be part of a phone's notes: phones split on ; and new lines only.
    assert split_list("+880 1711-000001; 01811 000002\n") == ["+880 1711-000001", "01811 000002"]


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("রহিম উদ্দিন", ("রহিম", "উদ্দিন")),
        ("मोहम्मद अब्दुल करीम", ("मोहम्मद अब्दुल", "करीम")),
        ("Madonna", ("Madonna", "")),
    ],
)
def test_a_full_name_splits_at_its_last_word(full, parts):
    assert split_name(full) == parts


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,25,000.50", Decimal("125000.50")),
        ("৳ ১,২০০", Decimal("1200")),
        ("₹ 1,00,000", Decimal("100000")),
        ("(250.00)", Decimal("-250.00")),
        ("-3.5", Decimal("-3.5")),
        ("USD 12", Decimal("12")),
    ],
)
def test_numbers_in_any_grouping_script_or_currency(text, number):
    assert values.number(text) == number


def test_not_a_number_says_so():
    with pytest.raises(ValidationError, match="not a number"):
        values.number("twelve")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-03-04", datetime.date(2026, 3, 4)),
        ("2026-03-04T10:00:00+06:00", datetime.date(2026, 3, 4)),
        ("25/12/2025", datetime.date(2025, 12, 25)),
        ("12/25/2025", datetime.date(2025, 12, 25)),
        ("২০২৬-০১-১৫", datetime.date(2026, 1, 15)),
    ],
)
def test_dates_that_can_only_be_read_one_way(text, day):
    assert values.date(text) == day


def test_an_ambiguous_date_is_refused_not_guessed():
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        values.date("03/04/2026")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-03-02 14:10", datetime.datetime(2024, 3, 2, 8, 10, tzinfo=datetime.UTC)),
        ("2024-03-02", datetime.datetime(2024, 3, 1, 18, 0, tzinfo=datetime.UTC)),
        ("15/03/2024 2:10 PM", datetime.datetime(2024, 3, 15, 8, 10, tzinfo=datetime.UTC)),
        ("২০২৪-০৩-০২ ১৪:১০", datetime.datetime(2024, 3, 2, 8, 10, tzinfo=datetime.UTC)),
        ("2024-03-02T14:10:00+05:30", datetime.datetime(2024, 3, 2, 8, 40, tzinfo=datetime.UTC)),
        ("2024-03-02T08:10:00Z", datetime.datetime(2024, 3, 2, 8, 10, tzinfo=datetime.UTC)),
    ],
)
def test_a_moment_without_an_offset_is_in_the_importer_s_zone(text, utc):
    assert values.moment(text, zoneinfo.ZoneInfo("Asia/Dhaka")) == utc


@pytest.mark.parametrize("text", ["yesterday", "2024-03-02 25:00", "03/04/2024 10:00"])
def test_not_a_moment_says_how_to_write_one(text):
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        values.moment(text, zoneinfo.ZoneInfo("Asia/Dhaka"))


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90),
        ("1:30", 90),
        ("00:12:30", 750),
        ("1h 30m", 5400),
        ("90 min", 5400),
        ("1.5 hours", 5400),
        ("১ ঘণ্টা ৩০ মিনিট", 5400),
        ("२ मिनट", 120),
    ],
)
def test_durations_in_seconds_clocks_or_units(text, seconds):
    assert values.seconds(text) == seconds


@pytest.mark.parametrize("text", ["forever", "1:75", "-5", "3 fortnights"])
def test_not_a_duration_says_how_to_write_one(text):
    with pytest.raises(ValidationError, match="not a duration"):
        values.seconds(text)


def test_choices_by_code_label_in_any_language_or_another_crm_s_word():
    assert choices.choice("lifecycle_stage", "customer", LifecycleStage) == "customer"
    assert choices.choice("lifecycle_stage", "গ্রাহক", LifecycleStage) == "customer"
    assert choices.choice("lifecycle_stage", "salesqualifiedlead", LifecycleStage) == "qualified"
    assert choices.choice("lifecycle_stage", "nonsense", LifecycleStage) is None
    assert choices.country("Bangladesh") == "BD"
    assert choices.country("भारत") == "IN"
    assert choices.country("bd") == "BD"
    assert choices.language("Bangla") == "bn"
    assert choices.language("हिन्दी") == "hi"
