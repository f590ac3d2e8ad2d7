"""Which of the UI's languages a text is written in, judged by its script.

Bengali and Hindi each have a script of their own (Bengali, Devanagari), so a message written in
either says its language plainly; Latin letters could be English or a transliteration, and say
nothing for sure.
"""

from __future__ import annotations

_BLOCKS = {"bn": (0x0980, 0x09FF), "hi": (0x0900, 0x097F)}


def language_by_script(text: str) -> str | None:
    """ "bn" or "hi" when most of the text's letters are in that script; None otherwise."""
    counts = dict.fromkeys(_BLOCKS, 0)
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        code = ord(char)
        for language, (low, high) in _BLOCKS.items():
            if low <= code <= high:
                counts[language] += 1
    if not letters:
        return None
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count * 2 > letters else None
