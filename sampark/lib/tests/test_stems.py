from __future__ import annotations

import pytest

from sampark.lib.stems import stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("withdrawing", "withdraw"),
        ("withdrawal", "withdraw"),
        ("accounts", "account"),
        ("fees", "fee"),
        ("charges", "charg"),
        ("process", "process"),  # a double s is the word's own
        ("otp", "otp"),  # too short to lose anything
        ("পাসওয়ার্ডের", "পাসওয়ার্ড"),
        ("অ্যাকাউন্টগুলো", "অ্যাকাউন্ট"),
        ("কার্ডটি", "কার্ড"),
        ("টাকা", "টাকা"),
        ("निकासी", "निकास"),
        ("शुल्कों", "शुल्क"),
        ("खाते", "खात"),
        ("कर", "कर"),
    ],
)
def test_one_ending_comes_off_and_the_stem_keeps_enough_letters(word: str, expected: str) -> None:
    assert stem(word) == expected
