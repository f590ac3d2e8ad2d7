"""Rich text that is safe to show as HTML: a small allowlist, enforced by nh3 when it is stored.

Only paragraphs, line breaks, bold, italics, lists and links survive; a link keeps only an
``href`` that is http, https or mailto (relative ones are dropped too) and always gets
``rel="noopener noreferrer"``. Everything else — scripts, styles, event handlers, iframes,
images, ``javascript:`` URLs — is removed. Text typed without any markup becomes paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import nh3
from django.utils.html import escape

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    # Dropped with their content, not just unwrapped: their text is code, not prose.
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    url_schemes=set(ALLOWED_SCHEMES),
    url_relative="deny",
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# Something that looks like a tag, a comment or an entity: the text was meant as HTML.
_MARKUP = re.compile(r"<[a-zA-Z/!?]|&[#a-zA-Z0-9]+;")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# A web address in typed text, without the punctuation that ends the sentence around it.
_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def sanitise(html: str) -> str:
    """``html`` reduced to the allowlist. Sanitising sanitised output changes nothing."""
    return _cleaner.clean(html).strip() if html else ""


def plain_text_to_html(text: str, line: Callable[[str], str] = escape) -> str:
    """Paragraphs from typed text: a blank line starts a paragraph, a newline is <br>; each
    line made HTML by ``line``, which must escape it (the default does only that)."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br>".join(line(each) for each in p.split("\n")) + "</p>" for p in paragraphs if p
    )


def linkify(line: str, target: Callable[[str], str] = str) -> str:
    """One line of typed text as HTML: escaped, with each web address a link to ``target(url)``
    (a tracked mail's click address), showing the address itself."""
    out: list[str] = []
    last = 0
    for found in _LINK.finditer(line):
        url = found.group(0)
        out.append(escape(line[last : found.start()]))
        out.append(f'<a href="{escape(target(url))}">{escape(url)}</a>')
        last = found.end()
    out.append(escape(line[last:]))
    return "".join(out)


def to_safe_html(text: str) -> str:
    """What to store for ``text`` typed in a form or sent to the API: markup is sanitised,
    plain text is escaped into paragraphs (so its line breaks survive)."""
    if not text or not text.strip():
        return ""
    html = sanitise(text) if _MARKUP.search(text) else sanitise(plain_text_to_html(text))
    if html and not _MARKUP.search(html):
        # All markup was removed, leaving bare text: wrap it, so that storing it again (on an
        # unrelated edit) does not turn it into a paragraph and report a change.
        html = sanitise(f"<p>{html}</p>")
    return html


# Elements whose text is not prose, and elements that end a line.
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"}
)
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML email or page: no markup, scripts or styles; a line per
    paragraph, list item or row; runs of spaces and blank lines collapsed."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return _PARAGRAPH_BREAK.sub("\n\n", "\n".join(lines)).strip()
