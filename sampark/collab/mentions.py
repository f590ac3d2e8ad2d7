"""``@username`` in a comment: finding the names, resolving them to people, and showing them.

A mention starts at an ``@`` that does not follow a letter, digit or ``.+-@`` (so the ``@`` of
``rahim@example.com`` is not one) and ends at the last letter or digit of the name (so in
"thanks @rahim." the full stop is not part of it). Names match usernames case-insensitively;
a name nobody has, or an inactive user's, is just text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sampark.core.models import User

# Django usernames are letters, digits and @.+-_; a mention cannot contain "@" and never ends in
# punctuation, which in prose belongs to the sentence.
_NAME = r"\w(?:[\w.+-]*\w)?"
# Links are shown for http(s) only; the characters that end a URL in prose are left out.
_URL = r"https?://[^\s<>\"'`]+"
_TOKEN = re.compile(rf"(?<![\w.+@-])@(?P<name>{_NAME})|(?P<url>{_URL})")
_TRAILING = ".,;:!?'\")]}"
MAX_MENTIONS = 20


def mentioned_names(body: str) -> list[str]:
    """The distinct names mentioned in ``body``, lower-cased, in the order they first appear."""
    names: dict[str, None] = {}
    for match in _TOKEN.finditer(body):
        if match.group("name"):  # not an "@" inside a link
            names.setdefault(match.group("name").lower(), None)
    return list(names)[:MAX_MENTIONS]


def resolve(body: str) -> list[User]:
    """The active users ``body`` mentions, ordered by username."""
    names = mentioned_names(body)
    if not names:
        return []
    return list(
        User.objects.annotate(lower_name=Lower("username"))
        .filter(lower_name__in=names, is_active=True)
        .order_by("username")
    )


def _url_and_rest(url: str) -> tuple[str, str]:
    """Split off punctuation that ends the sentence rather than the link."""
    rest = ""
    while url and url[-1] in _TRAILING:
        # A closing bracket that the link itself opened belongs to it (Wikipedia-style URLs).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        rest = url[-1] + rest
        url = url[:-1]
    return url, rest


def render(body: str, mentioned: Iterable[User]) -> SafeString:
    """``body`` as HTML: everything escaped, http(s) links made links, and the mentions of
    ``mentioned`` highlighted. Line breaks are kept by the ``prewrap`` class, not by ``<br>``."""
    people = {user.username.lower(): user for user in mentioned}
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(body):
        parts.append(escape(body[position : match.start()]))
        position = match.end()
        name, url = match.group("name"), match.group("url")
        if url:
            link, rest = _url_and_rest(url)
            parts.append(
                f'<a href="{escape(link)}" rel="noopener noreferrer nofollow" target="_blank">'
                f"{escape(link)}</a>{escape(rest)}"
            )
        elif (user := people.get(name.lower())) is not None:
            parts.append(f'<strong class="mention" title="{escape(user)}">@{escape(name)}</strong>')
        else:
            parts.append(escape(match.group(0)))
    parts.append(escape(body[position:]))
    # Safe: every piece of the body went through escape(), and the only markup is ours.
    return mark_safe("".join(parts))  # noqa: S308
