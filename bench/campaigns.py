"""Campaign send rate: personalised mails a second from ``sending.send_due`` to a local SMTP
server, beside raw smtplib sending messages of the same size over one connection to the same
server.

The server is aiosmtpd's sink in a process of its own (it accepts and drops). The audience is
``CLIENTS`` contacts of the generated workspace who are given consent for the run, on a fixed
list; each run launches a fresh campaign to them (a bn/hi/en template with the client's name,
their adviser's, a link and the footer) and times ``send_due`` until every mail is out: claim,
the consent re-check, composing, tracking links, the record before the final "." and SMTP.
Everything the runs made is deleted afterwards.
"""

from __future__ import annotations

import smtplib
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, make_msgid
from typing import Any

RUNS = 3
CLIENTS = 5_000

TEMPLATE = {
    "en": (
        "{{ contact.first_name | default('Dear client') }}, this week's market notes",
        "Dear {{ contact.name | default('client') }},\n\nThis week's notes from "
        "{{ adviser.name | default('your adviser') }} are ready: https://padma.example/notes\n\n"
        "Regards",
    ),
    "bn": (
        "{{ contact.first_name | default('প্রিয় গ্রাহক') }}, এই সপ্তাহের বাজার",
        "প্রিয় {{ contact.name | default('গ্রাহক') }},\n\n{{ adviser.name | default('আপনার উপদেষ্টা') }} "
        "এর নোট: https://padma.example/notes\n\nধন্যবাদ",
    ),
    "hi": (
        "{{ contact.first_name | default('प्रिय ग्राहक') }}, इस सप्ताह का बाज़ार",
        "प्रिय {{ contact.name | default('ग्राहक') }},\n\n{{ adviser.name | default('आपके सलाहकार') }} "
        "के नोट: https://padma.example/notes\n\nधन्यवाद",
    ),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def sink() -> Iterator[int]:
    """aiosmtpd's sink on a loopback port, in a process of its own; yields the port."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
         "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                smtplib.SMTP("127.0.0.1", port, timeout=2).quit()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_campaign_send(clients: int = CLIENTS) -> dict[str, Any]:
    from django.test import override_settings

    from sampark.lib.env import mailer

    with sink() as port, override_settings(MAILERS={"default": mailer(f"smtp://127.0.0.1:{port}")}):
        audience = _audience(clients)
        try:
            rates, sizes = [], []
            for _ in range(RUNS):
                rate, size = _send_once(audience)
                rates.append(rate)
                sizes.append(size)
            raw = [
                _raw_smtplib(port, clients, round(statistics.median(sizes))) for _ in range(RUNS)
            ]
        finally:
            _forget(audience)
    rate, raw_rate = statistics.median(rates), statistics.median(raw)
    return {
        "mails": clients,
        "runs": RUNS,
        "mails_per_s": round(rate),
        "mails_per_s_runs": [round(r) for r in rates],
        "mean_mail_bytes": round(statistics.median(sizes)),
        "raw": {"mails_per_s": round(raw_rate), "runs": [round(r) for r in raw]},
        "ratio": round(raw_rate / rate, 1),
    }


def _audience(clients: int) -> Any:
    """A fixed list of ``clients`` generated contacts with an address, who agreed to email."""
    from django.core.management import call_command

    from sampark.contacts.models import Contact
    from sampark.core.models import User
    from sampark.marketing import actions
    from sampark.marketing.models import Channel, Consent, ConsentSource, ConsentStatus, SegmentKind

    admin = User.objects.get(username="bench-admin")
    pks = list(
        Contact.objects.exclude(email="").order_by("pk").values_list("pk", flat=True)[:clients]
    )
    Consent.objects.bulk_create(
        [
            Consent(
                contact_id=pk,
                channel=Channel.EMAIL,
                status=ConsentStatus.GRANTED,
                source=ConsentSource.IMPORT,
                wording="bench",
            )
            for pk in pks
        ],
        ignore_conflicts=True,
    )
    segment = actions.create_segment(by=admin, name="Bench audience", kind=SegmentKind.STATIC)
    actions.add_members(segment, pks, by=admin)
    # The planner's statistics, as the daily optimize task (and PostgreSQL's autovacuum after so
    # many new rows) would leave them: measured is the steady state, not the first minute.
    call_command("optimize_database", verbosity=0)
    return segment


def _send_once(segment: Any) -> tuple[float, float]:
    from sampark.marketing import actions_templates, audience, sending
    from sampark.marketing.models import Campaign, RecipientState, Sender

    admin = segment.owner
    template = actions_templates.save_template(
        None,
        by=admin,
        name=f"Bench template {time.time_ns()}",
        default_language="en",
        variants=TEMPLATE,
    )
    sender = Sender.objects.create(
        name="Padma Securities", from_address="news@padma.example", postal_address="Dhaka"
    )
    campaign = Campaign.objects.create(
        name="Bench", segment=segment, template=template, sender=sender, owner=admin,
        local_time=False, skip_holidays=False,
    )  # fmt: skip
    audience.plan(campaign, admin)
    started = time.perf_counter()
    while sending.send_due(campaign.pk, run_seconds=600).sent:
        pass
    seconds = time.perf_counter() - started
    sent = campaign.recipients.filter(state=RecipientState.SENT).count()
    if sent != segment.members.count():
        raise RuntimeError(f"{sent} of {segment.members.count()} mails went out")
    size = _mail_size(campaign)
    campaign.delete()
    template.delete()
    sender.delete()
    return sent / seconds, size


def _mail_size(campaign: Any) -> float:
    """The size of one mail as sent (the raw baseline sends messages of this size)."""
    from sampark.marketing import sending

    recipient = campaign.recipients.select_related("contact__owner").first()
    mail = sending._message(
        campaign, recipient, recipient.contact, list(campaign.template.variants.all())
    )
    return len(mail.as_bytes())


def _raw_smtplib(port: int, count: int, size: int) -> float:
    """smtplib alone: ``count`` messages of ``size`` bytes, each with its own Message-ID and
    address, over one connection."""
    body = ("x" * 76 + "\r\n") * max(1, size // 78)
    connection = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    for n in range(count):
        to = f"client{n}@example.com"
        message = (
            f"From: news@padma.example\r\nTo: {to}\r\nSubject: Notes {n}\r\n"
            f"Date: {formatdate(usegmt=True)}\r\nMessage-ID: {make_msgid(domain='padma.example')}"
            f"\r\n\r\n{body}"
        )
        connection.sendmail("news@padma.example", [to], message.encode())
    seconds = time.perf_counter() - started
    connection.quit()
    return count / seconds


def _forget(segment: Any) -> None:
    from sampark.marketing.models import Consent

    Consent.objects.filter(wording="bench").delete()
    segment.delete()
