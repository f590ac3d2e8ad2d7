from __future__ import annotations

import pytest

from sampark.lib.scripts import language_by_script


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("আমি একটি অ্যাকাউন্ট খুলতে চাই", "bn"),
        ("मुझे खाता खोलना है", "hi"),
        ("I want to open an account", None),
        ("Re: সঞ্চয়পত্র", "bn"),  # a Latin "Re:" does not outweigh the Bengali
        ("Account নম্বর please send me the details", None),  # mostly Latin
        ("12345 !!", None),
        ("", None),
    ],
)
def test_the_language_a_text_is_written_in(text: str, language: str | None) -> None:
    assert language_by_script(text) == language
