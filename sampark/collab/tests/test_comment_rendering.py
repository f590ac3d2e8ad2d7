"""A comment is shown as typed: escaped, line breaks kept, links and mentions made safe markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.collab.actions import add_comment
from sampark.collab.mentions import render
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

HTMX = {"HX-Request": "true"}

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    "@<script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_a_comment_stays_text(payload):  # type: ignore[no-untyped-def]
    html = render(payload, [])

    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert 'href="javascript' not in html
    assert 'onmouseover="' not in html


def test_links_are_http_only_open_safely_and_leave_the_sentence_punctuation_out():
    html = render("See https://example.com/a?b=1&c=2. Or (http://x.org/wiki_(A)).", [])

    assert (
        '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" '
        'target="_blank">https://example.com/a?b=1&amp;c=2</a>.'
    ) in html
    assert '<a href="http://x.org/wiki_(A)"' in html
    assert "</a>)." in html
    assert "<a" not in render("ftp://example.com", [])


@pytest.mark.django_db
def test_only_resolved_mentions_are_highlighted():
    rahim = make_user(Role.AGENT, username="rahim", first_name="Rahim", last_name="Uddin")

    html = render("@Rahim meet @nobody", [rahim])

    assert '<strong class="mention" title="Rahim Uddin">@Rahim</strong>' in html
    assert "@nobody" in html
    assert 'class="mention" title="nobody"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_section_shows_payloads_inert(client, people, contact, payload):  # type: ignore[no-untyped-def]
    add_comment(contact, by=people["agent"], body=f"before\n{payload}\nafter")
    client.force_login(people["manager"])

    body = client.get(
        reverse("collab:comments", args=["contact", contact.pk]), headers=HTMX
    ).content.decode()

    comment_html = body[body.index('class="comment-body prewrap"') :]
    comment_html = comment_html[: comment_html.index("</div>")]
    assert "before\n" in comment_html
    assert "\nafter" in comment_html
    for dangerous in ("<script", "<img", "<svg", 'onerror="', 'href="javascript'):
        assert dangerous not in comment_html
