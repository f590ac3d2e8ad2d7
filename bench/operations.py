"""Bulk operations, timed as an operator runs them: each in a `sampark` process of its own, so
its peak memory (RSS) is its own.

- Import: a CSV of new contacts (names in Bengali, Hindi and English, local-format phones, a
  company each) through ``sampark import`` — reading, validation, normalisation, duplicate
  checks, search indexing, audit — beside a raw ``executemany`` of the same rows into the
  contact, email and phone tables in the same run (then rolled back).
- Duplicate scan: ``sampark find_duplicates`` over the whole workspace.
- Mail intake: a service mailbox on a real Dovecot (the test suite's, sampark/core/tests/
  mail_servers.py) holding new requests, replies and auto-replies, taken by ``sync.check`` in
  this process as the worker would, beside fetching the same messages with imapclient alone.
"""

from __future__ import annotations

import contextlib
import csv
import inspect
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bench.generate import (
    BENGALI_FAMILY,
    BENGALI_GIVEN,
    COMPANY_KINDS,
    COMPANY_WORDS,
    ENGLISH_FAMILY,
    ENGLISH_GIVEN,
    HINDI_FAMILY,
    HINDI_GIVEN,
)

IMPORT_SOURCE = "bench-import"


def write_import_file(path: Path, rows: int, seed: int) -> list[tuple[str, ...]]:
    """A CSV as a firm would export it from a spreadsheet; returns its rows."""
    rng = random.Random(seed)
    run = time.time_ns() % 10**6  # new emails each run: every row is a new contact
    written: list[tuple[str, ...]] = []
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Full Name", "Email", "Phone", "Company", "Country", "Source"])
        for n in range(rows):
            script = n % 5
            if script < 2:
                (given, _), (family, _) = rng.choice(BENGALI_GIVEN), rng.choice(BENGALI_FAMILY)
                phone, country = f"01{rng.choice('3456789')}{n % 10**8:08d}", "Bangladesh"
            elif script < 4:
                (given, _), (family, _) = rng.choice(HINDI_GIVEN), rng.choice(HINDI_FAMILY)
                phone, country = f"0{rng.choice('6789')}{n % 10**9:09d}", "India"
            else:
                (given, _), (family, _) = rng.choice(ENGLISH_GIVEN), rng.choice(ENGLISH_FAMILY)
                phone, country = f"07400 {n % 10**6:06d}", "United Kingdom"
            company = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
            row = (
                f"{given} {family}",
                f"import{run}.{n}@bench.example.com",
                phone,
                company,
                country,
                IMPORT_SOURCE,
            )
            writer.writerow(row)
            written.append(row)
    return written


def measure_import(path: Path, rows: int) -> dict[str, Any]:
    seconds, peak, output = _sampark("import", str(path), "--as", "bench-admin")
    return {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mib": peak,
        "summary": output,
    }


def raw_insert(rows: list[tuple[str, ...]], owner_id: int) -> dict[str, Any]:
    """The same rows with hand-written SQL: contacts, emails and phones (E.164 already), no
    checks; rolled back."""
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM contacts_contact")
        first = int(cursor.fetchone()[0]) + 1
        cursor.executemany(
            "INSERT INTO contacts_contact (id, display_name, given_name, family_name, latin_name,"
            " email, phone, country, language, preferred_channel, time_zone, lifecycle_stage,"
            " source, notes, owner_id, team_id, created_at, updated_at, version, custom,"
            " external_id) VALUES (%s, %s, '', '', '', %s, %s, '', 'en', 'email', '', 'lead',"
            " %s, '', %s, NULL, %s, %s, 1, '{}', '')",
            [
                (first + n, name, email, phone, source, owner_id, now, now)
                for n, (name, email, phone, _company, _country, source) in enumerate(rows)
            ],
        )
        cursor.executemany(
            "INSERT INTO contacts_contactemail (contact_id, address, label, is_primary)"
            " VALUES (%s, %s, 'work', %s)",
            [(first + n, row[1], True) for n, row in enumerate(rows)],
        )
        cursor.executemany(
            "INSERT INTO contacts_contactphone (contact_id, number, label, is_primary)"
            " VALUES (%s, %s, 'mobile', %s)",
            [(first + n, row[2], True) for n, row in enumerate(rows)],
        )
        transaction.set_rollback(True)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "rows_per_s": round(len(rows) / seconds)}


def forget_imported() -> None:
    """Take the imported contacts out again, so the workspace stays the size it was."""
    from sampark.contacts.models import Contact

    Contact.objects.filter(source=IMPORT_SOURCE).delete()


def measure_duplicate_scan() -> dict[str, Any]:
    seconds, peak, output = _sampark("find_duplicates")
    return {"seconds": round(seconds), "peak_rss_mib": peak, "summary": output[-3:]}


def _sampark(*args: str) -> tuple[float, int, list[str]]:
    """Run ``sampark ARGS``: its time, its own peak RSS in MiB, and what it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own command, arguments from this file
        [sys.executable, "-m", "sampark.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):  # 1: rows were rejected, which the summary says
        raise RuntimeError(f"sampark {' '.join(args)} failed ({process.returncode}):\n{output}")
    return seconds, round(usage.ru_maxrss / 1024), output.strip().splitlines()


# The mail intake

DESK_ADDRESS = "help@bench-desk.example"
# Of the messages: every REPLY_EVERY-th answers an earlier request, every AUTO_EVERY-th is an
# out-of-office notice (or a vacation responder's) that must be ignored; the rest are new
# requests, every other one from a client already known by their address.
REPLY_EVERY = 5
AUTO_EVERY = 40
REQUESTS = {
    "bn": [
        ("আমার কার্ড বন্ধ হয়ে গেছে", "গতকাল থেকে কার্ডে কোনো লেনদেন করা যাচ্ছে না। দয়া করে দ্রুত দেখুন।"),
        ("লভ্যাংশ জমা হয়নি", "গত মাসের লভ্যাংশ এখনও আমার ব্যাংক হিসাবে আসেনি। কবে আসবে জানাবেন?"),
        ("স্টেটমেন্ট পাইনি", "অক্টোবর মাসের পোর্টফোলিও স্টেটমেন্ট ইমেইলে পাইনি। আবার পাঠাবেন?"),
        ("অর্ডার আটকে আছে", "আজ সকালে দেওয়া বিক্রির অর্ডারটি এখনও অপেক্ষমাণ দেখাচ্ছে।"),
    ],
    "hi": [
        ("मेरा कार्ड ब्लॉक हो गया", "कल से कार्ड से कोई लेनदेन नहीं हो रहा है। कृपया जल्दी देखें।"),
        ("लाभांश जमा नहीं हुआ", "पिछले महीने का लाभांश अभी तक मेरे बैंक खाते में नहीं आया।"),
        ("स्टेटमेंट नहीं मिला", "अक्टूबर का पोर्टफोलियो स्टेटमेंट ईमेल पर नहीं मिला। फिर से भेजें।"),
        ("ऑर्डर अटका हुआ है", "आज सुबह दिया गया बिक्री का ऑर्डर अभी भी लंबित दिख रहा है।"),
    ],
    "en": [
        (
            "My card is blocked",
            "Since yesterday no payment goes through with my card. Please look.",
        ),
        ("Dividend not credited", "Last month's dividend has not reached my bank account yet."),
        ("Statement missing", "I did not receive my October portfolio statement. Resend it?"),
        ("Order stuck", "The sell order I placed this morning still shows as pending."),
    ],
}
FOLLOW_UPS = {
    "bn": "আপডেট জানতে চাই। আগের বার্তায় সব তথ্য দেওয়া আছে।",
    "hi": "कोई अपडेट? पिछले संदेश में सारी जानकारी दी है।",
    "en": "Any news? All the details are in my earlier message.",
}
SIGNATURES = {"bn": "ধন্যবাদান্তে,", "hi": "धन्यवाद,", "en": "Kind regards,"}


def measure_mail_intake(messages: int = 2_000, seed: int = 7) -> dict[str, Any] | None:
    """Messages per second through a service mailbox's real IMAP path; None (and why, printed)
    when Dovecot is not installed. Dovecot runs as the test suite's fixture starts it, and is
    stopped afterwards; what the intake made is deleted again."""
    import pytest

    from sampark.core.tests import mail_servers

    # The session fixture's own start and stop of Dovecot, without pytest around it.
    dovecot = contextlib.contextmanager(inspect.unwrap(mail_servers.imap_server))
    try:
        with dovecot() as server:
            return _intake(server.add_account(), messages, seed)
    except pytest.skip.Exception as why:
        print(f"mail intake: not measured ({why})")
        return None


def _intake(account: Any, messages: int, seed: int) -> dict[str, Any]:
    from django.conf import settings
    from django.db.models import Count

    from sampark.core.models import Team, User
    from sampark.mail import sync
    from sampark.mail.models import InboundMail, Purpose
    from sampark.mail.tests.factories import mailbox_on

    mail, expected = write_desk_mail(messages, seed)
    started = time.perf_counter()
    for raw in mail:
        account.append(raw)
    appended_s = time.perf_counter() - started

    admin = User.objects.get(username="bench-admin")
    desk = Team.objects.get(name="Desk 0")
    enqueued_from = timezone.now()
    mailbox = mailbox_on(
        account,
        admin,
        name="Bench help desk",
        address=DESK_ADDRESS,
        purpose=Purpose.TICKETS,
        take_existing=True,
        team_id=desk.pk,
    )
    try:
        fetch = _raw_fetch(account)
        fetch()  # Dovecot indexes the folder on its first full read: not the intake's cost
        queries = _QueryCounter()
        checks = 0
        taken = 0
        started = time.perf_counter()
        with connection.execute_wrapper(queries):
            while taken < messages and checks < 10:
                checked = sync.check(mailbox)
                if checked.error:
                    raise RuntimeError(f"the mailbox check failed: {checked.error}")
                taken += checked.taken
                checks += 1
        seconds = time.perf_counter() - started
        outcomes = dict(
            InboundMail.objects.filter(mailbox=mailbox)
            .values_list("outcome")
            .annotate(n=Count("id"))
            .order_by("outcome")
        )
        if outcomes != expected:
            raise RuntimeError(f"the intake filed {outcomes}, not {expected}")
        raw_times = [fetch() for _ in range(3)]
        raw_s = statistics.median(raw_times)
        enqueued = _enqueued(enqueued_from)
    finally:
        forget_intake(mailbox, enqueued_from)
    rate = messages / seconds
    raw_rate = messages / raw_s
    return {
        "messages": messages,
        "checks": checks,
        "seconds": round(seconds, 1),
        "messages_per_s": round(rate, 1),
        "queries_per_message": round(queries.count / messages, 1),
        "outcomes": outcomes,
        "tasks_enqueued": enqueued,
        "task_backend": settings.TASKS["default"]["BACKEND"],
        "appended_in_s": round(appended_s, 1),
        "raw": {
            "seconds": round(raw_s, 3),
            "messages_per_s": round(raw_rate),
            "batch": sync.BATCH,
        },
        "ratio": round(raw_rate / rate, 1),
    }


def write_desk_mail(messages: int, seed: int) -> tuple[list[bytes], dict[str, int]]:
    """What reaches a desk's address, as mail programs write it; and the outcomes the intake
    must file it with."""
    from email.utils import formataddr

    from sampark.contacts.models import Contact
    from sampark.mail.tests.factories import message

    rng = random.Random(seed)
    run = time.time_ns() % 10**9  # new Message-IDs and new senders' addresses each run
    ids = list(Contact.objects.order_by().values_list("id", flat=True)[:200_000])
    known = list(
        Contact.objects.filter(pk__in=rng.sample(ids, min(len(ids), messages)), email__gt="")
        .order_by("pk")
        .values_list("display_name", "email", "language")
    )
    sent: list[tuple[str, str, str, str]] = []  # requests: sender, subject, Message-ID, language
    written: list[bytes] = []
    counts = {"created": 0, "added": 0, "automatic": 0}
    for n in range(messages):
        message_id = f"<bench{run}.{n}@mail.example.com>"
        if n % AUTO_EVERY == AUTO_EVERY - 1 and sent:
            sender, subject, _id, _language = rng.choice(sent)
            header = {"Auto_Submitted": "auto-replied"} if n % 2 else {"X_Autoreply": "yes"}
            written.append(
                message(
                    sender=sender,
                    to=DESK_ADDRESS,
                    subject=f"Automatic reply: {subject}",
                    body="I am out of the office until Monday and will read your message then.",
                    message_id=message_id,
                    **header,
                )
            )
            counts["automatic"] += 1
            continue
        if n % REPLY_EVERY == REPLY_EVERY - 1 and sent:
            sender, subject, earlier, language = rng.choice(sent)
            written.append(
                message(
                    sender=sender,
                    to=DESK_ADDRESS,
                    subject=f"Re: {subject}",
                    body=f"{FOLLOW_UPS[language]}\n\n{SIGNATURES[language]}",
                    message_id=message_id,
                    In_Reply_To=earlier,
                    References=earlier,
                )
            )
            counts["added"] += 1
            continue
        if n % 2 and known:
            name, address, language = known.pop()
            language = language if language in REQUESTS else "en"
        else:
            name, latin, language = _new_sender(rng, n)
            address = f"{latin}.{run}.{n}@mail.example.com"
        subject, body = rng.choice(REQUESTS[language])
        sender = formataddr((name, address))
        text = f"{body}\n\n{SIGNATURES[language]}\n{name}"
        html = f"<p>{body}</p><p>{SIGNATURES[language]}<br>{name}</p>" if n % 3 == 0 else ""
        written.append(
            message(
                sender=sender,
                to=DESK_ADDRESS,
                subject=subject,
                body=text,
                html=html,
                message_id=message_id,
            )
        )
        sent.append((sender, subject, message_id, language))
        counts["created"] += 1
    return written, {outcome: count for outcome, count in counts.items() if count}


def _new_sender(rng: random.Random, n: int) -> tuple[str, str, str]:
    """A client not yet known: their name, the Latin form of it for an address, their language."""
    script = n % 5
    if script < 2:
        (given, g_latin), (family, f_latin) = rng.choice(BENGALI_GIVEN), rng.choice(BENGALI_FAMILY)
        language = "bn"
    elif script < 4:
        (given, g_latin), (family, f_latin) = rng.choice(HINDI_GIVEN), rng.choice(HINDI_FAMILY)
        language = "hi"
    else:
        (given, g_latin), (family, f_latin) = rng.choice(ENGLISH_GIVEN), rng.choice(ENGLISH_FAMILY)
        language = "en"
    return f"{given} {family}", f"{g_latin}.{f_latin}".lower(), language


def _raw_fetch(account: Any) -> Callable[[], float]:
    """Fetching every message of the account's INBOX as sync.py does, with imapclient alone:
    sign in, open the folder read-only, its UIDs, then UID FETCH BODY.PEEK[] a batch at a time.
    Returns the function, which returns its time in seconds."""
    from imapclient import IMAPClient

    from sampark.mail.sync import BATCH

    def fetch() -> float:
        started = time.perf_counter()
        client = IMAPClient(account.host, port=account.port, ssl=False, timeout=30)
        try:
            client.login(account.username, account.password)
            client.select_folder("INBOX", readonly=True)
            uids = sorted(client.search("ALL"))
            got = 0
            for start in range(0, len(uids), BATCH):
                bodies = client.fetch(uids[start : start + BATCH], ["BODY.PEEK[]"])
                got += sum(1 for item in bodies.values() if item.get(b"BODY[]"))
        finally:
            client.logout()
        if got != len(uids):
            raise RuntimeError(f"fetched {got} of {len(uids)} messages")
        return time.perf_counter() - started

    return fetch


class _QueryCounter:
    """Counts the SQL statements run (``connection.execute_wrapper``), at no cost to speak of."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _enqueued(since: Any) -> dict[str, int] | None:
    """The tasks the intake left for the worker (the database task backend; None with another):
    the acknowledgements, and the duplicate checks of new contacts, by task."""
    from django.apps import apps
    from django.db.models import Count

    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult

    waiting = (
        DBTaskResult.objects.filter(enqueued_at__gte=since)
        .values_list("task_path")
        .annotate(n=Count("id"))
        .order_by("task_path")
    )
    return dict(waiting)


def forget_intake(mailbox: Any, since: Any) -> None:
    """Delete what the intake made: its tickets (with their threads and search documents), the
    contacts of new senders, the tasks it left waiting (acknowledgements, duplicate checks), and
    the mailbox (with its ledger of taken mail). The audit trail keeps its entries: it is a hash
    chain."""
    from django.apps import apps

    from sampark.contacts.models import Contact
    from sampark.contacts.search import index_contacts, index_records
    from sampark.service.models import Ticket
    from sampark.service.search_documents import TICKET

    with transaction.atomic():
        tickets = list(Ticket.objects.filter(mailbox=mailbox).values_list("pk", flat=True))
        contacts = list(
            Contact.objects.filter(
                source="email", owner_id=mailbox.owner_id, created_at__gte=since
            ).values_list("pk", flat=True)
        )
        for start in range(0, len(tickets), 500):
            Ticket.objects.filter(pk__in=tickets[start : start + 500]).delete()
        for start in range(0, len(contacts), 500):
            Contact.objects.filter(pk__in=contacts[start : start + 500]).delete()
        # Documents of records that are gone are dropped.
        for start in range(0, len(tickets), 500):
            index_records(TICKET, tickets[start : start + 500])
        for start in range(0, len(contacts), 500):
            index_contacts(contacts[start : start + 500])
        if apps.is_installed("django_tasks_db"):
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.filter(enqueued_at__gte=since).delete()
        mailbox.delete()
