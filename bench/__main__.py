"""`make bench`: Sampark's hot paths on generated data, against hand-written SQL.

    python -m bench [--contacts 1000000] [--repeat 200] [--seed 7]

Uses DATABASE_URL when set (``make bench-postgres`` starts a throwaway PostgreSQL server),
otherwise a fresh SQLite database in a temporary directory. For each workload it reports the
median and p95 server time, the SQL queries per run and the peak Python memory, and beside them
the time of the equivalent raw SQL in the same run: this machine is shared and absolute times
drift, so the ratio is the figure of merit. Results go to bench/results/ as JSON and Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.timing import ViewClock

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--activities", type=int, default=10, help="activities per contact (default: %(default)s)"
    )
    parser.add_argument(
        "--transactions",
        type=int,
        default=5,
        help="transactions per contact (default: %(default)s)",
    )
    parser.add_argument(
        "--deals",
        type=int,
        default=100_000,
        help="deals, a tenth of them open on the measured board (default: %(default)s)",
    )
    parser.add_argument(
        "--tickets",
        type=int,
        default=1_000_000,
        help="service desk tickets, a sixth of them unsolved (default: %(default)s)",
    )
    parser.add_argument(
        "--intake-messages",
        type=int,
        default=2_000,
        help="messages the mail intake operation takes from its IMAP server (default: %(default)s)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the workspace an earlier run left in SAMPARK_DATA_DIR or DATABASE_URL "
        "instead of generating one",
    )
    parser.add_argument("--only", default="", help="run only the workloads whose name has this")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="where to write (default: bench/results)"
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=20_000,
        help="rows of the import workload's file (default: %(default)s)",
    )
    args = parser.parse_args()

    os.environ.setdefault("SAMPARK_DATA_DIR", tempfile.mkdtemp(prefix="sampark-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sampark.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # Generated users need no strong password hashes; the test client needs its host name.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    # Django empties the query log at each request's start; keep it, to count a page's queries.
    from django.core.signals import request_started
    from django.db import reset_queries

    request_started.disconnect(reset_queries)

    from bench.generate import generate, load_workspace
    from bench.segments import segment_workloads
    from bench.timing import ViewClock
    from bench.workloads import (
        floor_workloads,
        sales_workloads,
        search_workloads,
        ticket_workloads,
        workloads,
    )

    started = time.perf_counter()
    if args.reuse:
        space = load_workspace()
        generated_in = 0.0
    else:
        space = generate(
            args.contacts,
            seed=args.seed,
            activities=args.activities,
            transactions=args.transactions,
        )
        generated_in = time.perf_counter() - started
        print(
            f"generated {args.contacts:,} contacts in {generated_in:.0f} s on {connection.vendor}"
        )
        started = time.perf_counter()
        call_command("reindex", verbosity=0)
        print(f"search index built in {time.perf_counter() - started:.0f} s")
    # What a running Sampark does for its planner (the optimize task, or PostgreSQL's autovacuum).
    call_command("optimize_database", verbosity=0)
    print(f"data directory: {os.environ['SAMPARK_DATA_DIR']}")

    rng = random.Random(args.seed)
    rows = []
    clock = ViewClock()
    every = [
        *workloads(space, rng),
        *search_workloads(space),
        *sales_workloads(space, args.deals),
        *ticket_workloads(space, args.tickets),
        *floor_workloads(space, rng),
        *segment_workloads(space),
    ]
    for workload in every:
        if args.only not in workload.name:
            continue
        runs = min(args.repeat, workload.repeat or args.repeat)
        if workload.through_views:
            with clock.installed():
                ours = measure(workload.ours, runs, clock)
        else:
            ours = measure(workload.ours, runs)
            ours["data_p50_ms"], ours["data_p95_ms"] = ours["p50_ms"], ours["p95_ms"]
        raw = measure(workload.raw, runs)
        rows.append(
            {
                "workload": workload.name,
                "ours": ours,
                "raw": raw,
                "ratio": round(ours["data_p50_ms"] / raw["p50_ms"], 2),
                "page_ratio": round(ours["p50_ms"] / raw["p50_ms"], 2),
                "runs": runs,
            }
        )
        print(
            f"{workload.name:40} p50 {ours['p50_ms']:6.2f} ms  p95 {ours['p95_ms']:6.2f} ms  "
            f"{ours['queries']:2d} queries  {ours['peak_kib']:5.0f} KiB  "
            f"views p50 {ours['data_p50_ms']:6.2f} ms  raw p50 {raw['p50_ms']:6.2f} ms  "
            f"ratio {rows[-1]['ratio']:.1f}x (page {rows[-1]['page_ratio']:.1f}x)"
            + (f", {runs} runs" if runs != args.repeat else "")
        )
        # Written after every workload, so a run stopped early still leaves its figures.
        write_results(args, connection.vendor, generated_in, rows)
    operations = run_operations(args, space)
    write_results(args, connection.vendor, generated_in, rows, operations)


def run_operations(args: argparse.Namespace, space: Any) -> dict[str, Any]:
    """The bulk operations (bench/operations.py), each in a process of its own."""
    from bench import operations

    found: dict[str, Any] = {}
    if args.only in "import":
        path = Path(tempfile.mkdtemp(prefix="sampark-bench-import-")) / "contacts.csv"
        rows = operations.write_import_file(path, args.import_rows, args.seed)
        found["import"] = operations.measure_import(path, len(rows))
        found["import"]["raw"] = operations.raw_insert(rows, space.admin.pk)
        found["import"]["ratio"] = round(
            found["import"]["raw"]["rows_per_s"] / found["import"]["rows_per_s"], 1
        )
        operations.forget_imported()
        print(
            f"import: {found['import']['rows_per_s']:,} rows/s "
            f"(peak RSS {found['import']['peak_rss_mib']} MiB); raw executemany "
            f"{found['import']['raw']['rows_per_s']:,} rows/s; ratio {found['import']['ratio']}x"
        )
    if args.only in "mail intake":
        intake = operations.measure_mail_intake(args.intake_messages, seed=args.seed)
        if intake is not None:
            found["mail_intake"] = intake
            print(
                f"mail intake: {intake['messages_per_s']} messages/s "
                f"({intake['messages']:,} in {intake['seconds']} s, "
                f"{intake['queries_per_message']} queries each); raw IMAP fetch "
                f"{intake['raw']['messages_per_s']:,} messages/s; ratio {intake['ratio']}x"
            )
    if args.only in "campaign send":
        from bench.campaigns import measure_campaign_send

        found["campaign_send"] = sent = measure_campaign_send()
        print(
            f"campaign send: {sent['mails_per_s']} personalised mails/s to a local SMTP server "
            f"(runs {sent['mails_per_s_runs']}); raw smtplib {sent['raw']['mails_per_s']} "
            f"mails/s; ratio {sent['ratio']}x"
        )
    if args.only in "duplicate scan":
        found["duplicate_scan"] = operations.measure_duplicate_scan()
        print(
            f"duplicate scan: {found['duplicate_scan']['seconds']} s "
            f"(peak RSS {found['duplicate_scan']['peak_rss_mib']} MiB)"
        )
    return found


def measure(
    work: Callable[[], Any], repeat: int, clock: ViewClock | None = None
) -> dict[str, float | int]:
    """Server time of ``repeat`` runs; with ``clock``, also the views' time without rendering."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work()  # warm caches and connections
    with CaptureQueriesContext(connection) as queries:
        work()
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times, views = [], []
    for _ in range(repeat):
        if clock:
            clock.reset()
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
        if clock:
            views.append(clock.data_ms)
    figures: dict[str, float | int] = {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 95), 3),
        "queries": len(queries.captured_queries),
        "peak_kib": round(peak / 1024),
    }
    if clock:
        figures["data_p50_ms"] = round(statistics.median(views), 3)
        figures["data_p95_ms"] = round(percentile(views, 95), 3)
    return figures


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def write_results(
    args: argparse.Namespace,
    vendor: str,
    generated_in: float,
    rows: list[dict[str, Any]],
    operations: dict[str, Any] | None = None,
) -> None:
    results: Path = args.results
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    name = f"{stamp}-{vendor}-{args.contacts}"
    earlier = results / f"{name}.json"
    if args.only and earlier.exists():
        # A partial run (--only) measures some workloads again; the others keep today's figures.
        kept = json.loads(earlier.read_text())
        fresh = {row["workload"]: row for row in rows}
        known = {row["workload"] for row in kept["workloads"]}
        rows = [fresh.get(row["workload"], row) for row in kept["workloads"]] + [
            row for row in rows if row["workload"] not in known
        ]
        operations = {**kept.get("operations", {}), **(operations or {})}
    report = {
        "date": stamp,
        "database": vendor,
        "contacts": args.contacts,
        "repeat": args.repeat,
        "seed": args.seed,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "generated_in_s": round(generated_in),
        "workloads": rows,
        "operations": operations or {},
    }
    (results / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        f"# {vendor}, {args.contacts:,} contacts ({stamp})",
        "",
        f"{report['machine']}; {args.repeat} runs each; times in milliseconds.",
        "",
        "Page: server time of the whole request(s). Views: the views' own time without rendering "
        "templates, the part that does what the raw SQL does; ratio = views / raw SQL (page "
        "ratio = page / raw SQL).",
        "",
        "| workload | page p50 | page p95 | queries | peak memory | views p50 | raw SQL p50 "
        "| ratio | page ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ours, raw = row["ours"], row["raw"]
        runs = row.get("runs", args.repeat)
        lines.append(
            f"| {row['workload']}{f' ({runs} runs)' if runs != args.repeat else ''} | "
            f"{ours['p50_ms']:.2f} | {ours['p95_ms']:.2f} | "
            f"{ours['queries']} | {ours['peak_kib']} KiB | {ours['data_p50_ms']:.2f} | "
            f"{raw['p50_ms']:.2f} | {row['ratio']:.1f}x | {row['page_ratio']:.1f}x |"
        )
    if operations and "import" in operations:
        done = operations["import"]
        lines += [
            "",
            f"Import of {done['rows']:,} new contacts (`sampark import`, a process of its own): "
            f"{done['rows_per_s']:,} rows/s, peak RSS {done['peak_rss_mib']} MiB; a raw "
            f"executemany of the same rows: {done['raw']['rows_per_s']:,} rows/s "
            f"(raw is {done['ratio']}x faster).",
        ]
    if operations and "campaign_send" in operations:
        done = operations["campaign_send"]
        lines += [
            "",
            f"Campaign send of {done['mails']:,} personalised mails (bn/hi/en template, tracked "
            f'links, consent re-checked, a record before each final ".") to a local SMTP server '
            f"(aiosmtpd's sink): {done['mails_per_s']} mails/s, median of {done['runs']} runs "
            f"({', '.join(str(r) for r in done['mails_per_s_runs'])}); raw smtplib sending "
            f"messages of the same size ({done['mean_mail_bytes']:,} bytes) over one connection: "
            f"{done['raw']['mails_per_s']} mails/s (raw is {done['ratio']}x faster).",
        ]
    if operations and "mail_intake" in operations:
        done = operations["mail_intake"]
        outcomes = ", ".join(f"{count:,} {outcome}" for outcome, count in done["outcomes"].items())
        lines += [
            "",
            f"Mail intake of {done['messages']:,} messages from a real Dovecot (`sync.check` of a "
            f"service mailbox, in the bench process; {outcomes}): {done['messages_per_s']} "
            f"messages/s, {done['queries_per_message']} queries a message; fetching the same "
            f"messages with imapclient alone (UID FETCH BODY.PEEK[], {done['raw']['batch']} a "
            f"batch): {done['raw']['messages_per_s']:,} messages/s (raw is {done['ratio']}x "
            "faster).",
        ]
    if operations and "duplicate_scan" in operations:
        scan = operations["duplicate_scan"]
        lines += [
            "",
            f"Duplicate scan of the whole workspace (`sampark find_duplicates`): {scan['seconds']} s, "
            f"peak RSS {scan['peak_rss_mib']} MiB.",
        ]
    (results / f"{name}.md").write_text("\n".join(lines) + "\n")
    print(f"results so far: {results / name}.json and .md")


if __name__ == "__main__":
    main()
