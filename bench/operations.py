"""Bulk operations, timed as an operator runs them: each in a `sampark` process of its own, so
its peak memory (RSS) is its own.

- Import: a CSV of new contacts (names in Bengali, Hindi and English, local-format phones, a
  company each) through ``sampark import`` — reading, validation, normalisation, duplicate
  checks, search indexing, audit — beside a raw ``executemany`` of the same rows into the
  contact, email and phone tables in the same run (then rolled back).
- Duplicate scan: ``sampark find_duplicates`` over the whole workspace.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
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
