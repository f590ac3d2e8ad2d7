"""The words clients use for what the help centre calls otherwise, in English, Bengali and Hindi.

A client "shuts" the account an article "closes", asks about "commission" where the article says
"brokerage", writes "ফান্ড" or "টাকা", "फंड" or "फ़ंड". Each group below is one meaning in a
brokerage's help centre, as word beginnings (folded: lower case). A question's word that starts
with one of a group's beginnings is looked up as any of them, so the article is found whichever
word it uses. Groups hold only words that mean the same thing to a client of a broker; a word
with two meanings ("pin": a card's or a login's) is left out rather than guessed.
"""

from __future__ import annotations

import functools

from sampark.lib.scripts import language_by_script

GROUPS: tuple[tuple[str, ...], ...] = (
    # closing an account
    ("close", "closing", "closure", "terminat", "shut", "deactivat", "বন্ধ", "ক্লোজ", "बंद", "क्लोज"),
    # taking money out
    ("withdraw", "payout", "encash", "উত্তোলন", "উইথড্র", "তুল", "তোল", "निकास", "निकाल", "विड्रॉ"),
    # putting money in
    ("deposit", "top-up", "topup", "জমা", "ডিপোজিট", "जमा", "डिपॉजिट", "डिपॉज़िट"),
    # what it costs
    (
        "fee",
        "charg",
        "commission",
        "brokerage",
        "deduct",
        "ফি",
        "চার্জ",
        "কমিশন",
        "ব্রোকারেজ",
        "কর্তন",
        "शुल्क",
        "चार्ज",
        "कमीशन",
        "ब्रोकरेज",
        "फीस",
        "फ़ीस",
    ),
    # an order not going through
    ("reject", "declin", "fail", "রিজেক্ট", "ব্যর্থ", "ফেইল", "रिजेक्ट", "अस्वीकार", "फेल", "फ़ेल"),
    # who gets the shares after the holder
    (
        "nomin",
        "heir",
        "succession",
        "নমিনি",
        "নমিনেশন",
        "ওয়ারিশ",
        "উত্তরাধিকার",
        "नॉमिनी",
        "नामांकन",
        "नॉमिनेशन",
        "वारिस",
        "उत्तराधिकार",
    ),
    # the one-time code
    ("otp", "one-time", "verification", "ওটিপি", "ভেরিফিকেশন", "ओटीपी", "वेरिफिकेशन"),
    # fraud
    (
        "fraud",
        "scam",
        "suspicious",
        "fake",
        "cheat",
        "প্রতার",
        "জালিয়াত",
        "ভুয়া",
        "স্ক্যাম",
        "ফ্রড",
        "धोखा",
        "फ्रॉड",
        "फ़्रॉड",
        "ठग",
        "फर्जी",
        "फ़र्ज़ी",
        "संदिग्ध",
    ),
    # papers of what was traded
    ("statement", "contract", "স্টেটমেন্ট", "বিবরণী", "स्टेटमेंट", "विवरण"),
    # a company's payout to shareholders
    ("dividend", "লভ্যাংশ", "ডিভিডেন্ড", "लाभांश", "डिविडेंड"),
    # changing details
    ("change", "updat", "modif", "পরিবর্তন", "বদল", "আপডেট", "হালনাগাদ", "बदल", "अपडेट", "परिवर्तन"),
    # becoming a client
    ("regist", "sign-up", "signup", "onboard", "নিবন্ধন", "রেজিস্ট্রেশন", "पंजीकरण", "रजिस्ट्रेशन"),
    # money in the account
    ("fund", "ফান্ড", "फंड", "फ़ंड"),
    # shares
    ("share", "stock", "শেয়ার", "স্টক", "शेयर", "स्टॉक"),
)

_SHORTEST = 3  # a question's word shorter than this is matched whole only


@functools.cache
def _index() -> dict[str, tuple[str, ...]]:
    return {beginning: group for group in GROUPS for beginning in group}


def alternatives(word: str) -> tuple[str, ...]:
    """The beginnings to look ``word`` up as: itself, and its group's other words in the same
    script if it has a group (an article in the word's language is written in its script, so
    the others could not match and would only cost look-ups)."""
    for beginning, group in _index().items():
        if word.startswith(beginning) or (len(word) >= _SHORTEST and beginning.startswith(word)):
            script = language_by_script(word)
            others = (w for w in group if w != word and language_by_script(w) == script)
            return (word, *others)
    return (word,)
