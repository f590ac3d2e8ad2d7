"""Messages as they arrive in the wild, read without ever raising; and the automatic mail that
must never become a lead or start a loop."""

from __future__ import annotations

from email.header import Header

import pytest

from sampark.mail.automatic import OWN_HEADER, why_automatic
from sampark.mail.models import Outcome
from sampark.mail.parse import parse
from sampark.mail.tests.factories import message

OURS = frozenset({"sales@broker.example"})


def test_headers_in_any_script_and_the_thread_ids_are_read() -> None:
    name, subject = Header("রাহিম", "utf-8").encode(), Header("সঞ্চয়পত্র", "utf-8").encode()
    raw = (
        f"From: {name} <Rahim@Example.COM>\r\n"
        "To: sales@broker.example, Desk <desk@broker.example>\r\n"
        f"Subject: {subject}\r\n"
        "Message-ID: <abc@example.com>\r\n"
        "In-Reply-To: <first@broker.example>\r\n"
        "References: <root@broker.example> <first@broker.example>\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0600\r\n"
        "\r\nBody\r\n"
    ).encode()

    mail = parse(raw)

    assert (mail.from_name, mail.from_address) == ("রাহিম", "rahim@example.com")
    assert mail.subject == "সঞ্চয়পত্র"
    assert mail.to == ("sales@broker.example", "desk@broker.example")
    assert (mail.key, mail.in_reply_to) == ("<abc@example.com>", "<first@broker.example>")
    assert mail.references == ("<root@broker.example>", "<first@broker.example>")
    assert mail.sent_at is not None
    assert mail.sent_at.utcoffset().total_seconds() == 6 * 3600
    assert mail.text == "Body"


def test_broken_mail_is_read_as_far_as_it_goes() -> None:
    raw = (
        b"From: nobody\r\nSubject: broken\r\nDate: yesterday-ish\r\n"
        b"Content-Type: text/plain; charset=no-such-charset\r\n\r\ncaf\xe9 \xff ok\r\n"
    )

    mail = parse(raw)

    assert mail.from_address == ""
    assert mail.sent_at is None
    assert mail.key.startswith("sha256:")  # no Message-ID: known by its bytes
    assert "ok" in mail.text


def test_html_mail_becomes_text_without_its_scripts_and_styles() -> None:
    mail = parse(
        message(
            body="", html="<style>p{color:red}</style><p>Hello&nbsp;there</p><script>x()</script>"
        )
    )

    assert mail.text == "Hello\xa0there"


@pytest.mark.parametrize(
    ("headers", "outcome"),
    [
        ({"Auto_Submitted": "auto-replied"}, Outcome.AUTOMATIC),
        ({"Auto_Submitted": "auto-generated; owner-email=x@y"}, Outcome.AUTOMATIC),
        ({"Precedence": "bulk"}, Outcome.AUTOMATIC),
        ({"X_Autoreply": "yes"}, Outcome.AUTOMATIC),
        ({"X_Auto_Response_Suppress": "All"}, Outcome.AUTOMATIC),
        ({"List_Unsubscribe": "<mailto:leave@news.example>"}, Outcome.LIST),
        ({"sender": "postmaster@mx.example"}, Outcome.BOUNCE),
        ({"sender": "Sales <SALES@broker.example>"}, Outcome.OWN),
        ({OWN_HEADER.replace("-", "_"): "reply"}, Outcome.OWN),
    ],
)
def test_automatic_mail_is_recognised(headers: dict[str, str], outcome: Outcome) -> None:
    found = why_automatic(parse(message(**headers)), OURS)

    assert found is not None
    assert found[0] == outcome


@pytest.mark.parametrize(
    "headers",
    [{}, {"Auto_Submitted": "no"}, {"X_Auto_Response_Suppress": "OOF"}, {"Precedence": "normal"}],
)
def test_a_person_s_mail_is_taken(headers: dict[str, str]) -> None:
    assert why_automatic(parse(message(**headers)), OURS) is None


def test_a_delivery_report_is_recognised_by_its_type() -> None:
    raw = message(sender="someone@example.com")
    report = raw.replace(b"Content-Type: text/plain", b"Content-Type: multipart/report", 1)

    found = why_automatic(parse(report), OURS)

    assert found is not None
    assert found[0] == Outcome.BOUNCE
