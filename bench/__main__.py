"""`make bench`: the foundation's hot paths against raw SQL, on generated data.

    python -m bench [--contacts 200000] [--repeat 200]

Uses DATABASE_URL when set, otherwise a fresh SQLite database in a temporary directory. Reports
the median and p95 of each workload and its ratio to the same work in raw SQL measured in the
same run, since this machine is shared and absolute times drift.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    os.environ.setdefault("SAMPARK_DATA_DIR", tempfile.mkdtemp(prefix="sampark-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sampark.settings")
    import django

    django.setup()
    from django.conf import settings

    # Generated users need no strong password hashes; PBKDF2 would dominate generation time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from bench.workloads import generate, workloads

    started = time.perf_counter()
    context = generate(args.contacts)
    print(f"generated {args.contacts:,} contacts in {time.perf_counter() - started:.1f} s")
    print(f"{'workload':44} {'median':>9} {'p95':>9} {'raw median':>11} {'ratio':>6}")
    for name, ours, raw in workloads(context):
        ours_times, raw_times = measure(ours, args.repeat), measure(raw, args.repeat)
        ours_median, raw_median = statistics.median(ours_times), statistics.median(raw_times)
        print(
            f"{name:44} {ms(ours_median):>9} {ms(percentile(ours_times, 95)):>9} "
            f"{ms(raw_median):>11} {ours_median / raw_median:>5.1f}x"
        )


def measure(work: Callable[[], object], repeat: int) -> list[float]:
    work()  # warm caches and connections
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


if __name__ == "__main__":
    random.seed(7)
    main()
