"""An activity's body is stored sanitised: only a small set of harmless markup survives."""

from __future__ import annotations

import pytest

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import ContactFactory
from sampark.lib.richtext import sanitise, to_safe_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="steal()" onmouseover="x()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="data:text/html,<script>alert(1)</script>">x</a>',
            '<a rel="noopener noreferrer">x</a>',
        ),
        ('<p style="background:url(x)">Hi</p><style>p{}</style>', "<p>Hi</p>"),
        ('<iframe src="https://evil.example"></iframe>ok', "ok"),
        ('<img src="x" onerror="alert(1)">ok', "ok"),
        ('<svg onload="alert(1)"><circle/></svg>ok', "ok"),
        ("<p>a</p><!-- a comment -->", "<p>a</p>"),
        ('<a href="/relative">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<form action="/x"><input name="q"></form>ok', "ok"),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):  # type: ignore[no-untyped-def]
    assert sanitise(dirty) == clean


def test_the_allowed_tags_are_kept():
    html = (
        "<p>Spoke with <strong>Meera</strong> about <em>renewal</em>.<br>Next:</p>"
        "<ul><li>send quote</li></ul><ol><li>call back</li></ol>"
        '<p><a href="https://example.com/q">quote</a> · <a href="mailto:m@example.com">mail</a>'
        ' · <a href="http://example.com">plain</a></p>'
    )

    cleaned = sanitise(html)

    assert cleaned == html.replace('">', '" rel="noopener noreferrer">')


def test_a_links_own_rel_and_target_are_replaced():
    cleaned = sanitise('<a href="https://e.com" rel="opener" target="_blank">x</a>')

    assert cleaned == '<a href="https://e.com" rel="noopener noreferrer">x</a>'


def test_plain_text_becomes_escaped_paragraphs():
    text = "First line\nsecond line\n\nA < B & C\n"

    assert to_safe_html(text) == "<p>First line<br>second line</p><p>A &lt; B &amp; C</p>"


@pytest.mark.parametrize(
    "text",
    [
        'Hi <b>there</b><script>x</script> & <a href="https://e.com">more</a>',
        "<script>x</script>only text, it's",
        'plain "quoted" text',
    ],
)
def test_storing_the_stored_body_again_changes_nothing(text):  # type: ignore[no-untyped-def]
    once = to_safe_html(text)

    assert to_safe_html(once) == once


def test_logging_an_activity_stores_the_body_sanitised(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])

    activity = actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.NOTE,
        body='<p onclick="x()">Met <strong>them</strong><script>alert(1)</script></p>',
    )

    activity.refresh_from_db()
    assert activity.body == "<p>Met <strong>them</strong></p>"


def test_editing_an_activity_sanitises_the_new_body(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    activity = actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.NOTE)

    actions.update_activity(
        activity, by=people["agent"], values={"body": '<iframe src="x"></iframe><em>ok</em>'}
    )

    assert Activity.objects.get(pk=activity.pk).body == "<em>ok</em>"


def test_even_a_write_that_skips_validation_is_sanitised(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])

    activity = ActivityFactory(contact=contact, owner=people["agent"], body="<script>x</script>hi")

    assert Activity.objects.get(pk=activity.pk).body == "<p>hi</p>"
