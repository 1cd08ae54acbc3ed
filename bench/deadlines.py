"""Deadlines and overdue status of 10,000 open requests, against a bare loop over the same rows.

Files `--requests` open requests straight into a throw-away database, submitted over the last
weeks, some extended: PostgreSQL when DATABASE_URL names a server, as after
`. "$(scripts/services.sh env-file)"` (database `--database`, dropped at the end), else SQLite in a
temporary folder. Then times a sweep over all of them with the real code: the calendar in force
(`load_calendar`), each request's clock (`clock.request_clock`: effective receipt, notice and
extended deadlines, working days taken and left, overdue) and the overdue count of the QuerySet
methods. The baseline, timed in the same run, reads the same rows and compares one date per row.
Target: under one second (judged on the later sweeps: the first of a process also looks the
year's holidays up).

    .venv/bin/python bench/deadlines.py                                  # SQLite
    . "$(scripts/services.sh env-file)" && .venv/bin/python bench/deadlines.py   # PostgreSQL
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import drop_database, fresh_database, setup_django, stopwatch

TARGET_SECONDS = 1.0
ROUNDS = 3


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="open requests to file")
    parser.add_argument(
        "--database",
        default="bench_deadlines",
        help="PostgreSQL database to create (dropped first) when DATABASE_URL names a server",
    )
    return parser.parse_args()


def database_url(arguments, folder):
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgres"):
        return fresh_database(server, arguments.database)
    return f"sqlite:///{Path(folder) / 'deadlines.sqlite3'}"


def file_requests(count, today, seed=2026):
    """`count` open requests submitted over the last 40 days, one in five extended."""
    from information_requests.calendar import load_calendar
    from information_requests.deadlines import (
        effective_receipt,
        extended_deadline,
        notice_deadline,
    )
    from information_requests.models import InformationRequest
    from information_requests.states import OPEN

    rng = random.Random(seed)
    calendar = load_calendar()
    start = datetime.datetime.combine(today, datetime.time(9), datetime.UTC)
    rows = []
    for number in range(1, count + 1):
        submitted_at = start - datetime.timedelta(minutes=rng.randrange(40 * 24 * 60))
        receipt = effective_receipt(submitted_at, calendar)
        notice = notice_deadline(receipt.received_on, calendar)
        extended = rng.random() < 0.2
        rows.append(
            InformationRequest(
                registration_number=f"BENCH/{number}",
                registration_year=today.year,
                registration_sequence=number,
                tracking_token_hash="0" * 64,
                requester_type="individual",
                full_name=f"Pemohon {number}",
                nik="1871014107900003",
                address="Bandar Lampung",
                information_requested="Laporan realisasi anggaran",
                purpose="Penelitian",
                obtain_method="softcopy",
                status=rng.choice(OPEN),
                submitted_at=submitted_at,
                received_on=receipt.received_on,
                notice_due_on=notice.due_on,
                extended_due_on=extended_deadline(notice.due_on, calendar).due_on
                if extended
                else None,
                extension_reason="Dokumen di beberapa OPD" if extended else "",
            )
        )
    InformationRequest.objects.bulk_create(rows, batch_size=1000)


def open_requests():
    from information_requests.models import InformationRequest

    return InformationRequest.objects.open().only(
        "status",
        "submitted_at",
        "received_on",
        "notice_due_on",
        "extended_due_on",
        "extension_reason",
        "answered_at",
    )


def bare_loop(today):
    """Read the same rows and compare one date each: what any sweep costs at least."""
    late = 0
    for request in open_requests():
        late += request.notice_due_on < today
    return late


def sweep(today):
    """The calendar, every open request's clock, and the QuerySet's open and overdue counts."""
    from information_requests.calendar import load_calendar
    from information_requests.clock import request_clock
    from information_requests.deadlines import policy_from_settings
    from information_requests.models import InformationRequest

    calendar = load_calendar()
    policy = policy_from_settings()
    clocks = [request_clock(request, calendar, policy, today) for request in open_requests()]
    overdue = InformationRequest.objects.overdue(today).count()
    if overdue != sum(clock.is_overdue for clock in clocks):
        raise SystemExit("the overdue count of the QuerySet and of the clocks differ")
    return len(clocks), overdue


def timed(function, today):
    with stopwatch() as elapsed:
        result = function(today)
    return elapsed(), result


def main():
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database_url(arguments, folder),
            "CACHE_URL": "",  # nothing here is cached; keep off the shared Redis
            "LOG_LEVEL": "WARNING",
        }
        setup_django(environment)
        from django.core.management import call_command
        from django.db import connection

        from information_requests.calendar import national_days_off
        from information_requests.deadlines import today_local

        connection.force_debug_cursor = False
        call_command("migrate", verbosity=0)
        today = today_local()
        with stopwatch() as elapsed:
            file_requests(arguments.requests, today)
        filed = f"{arguments.requests} open requests filed in {elapsed():.1f} s"
        print(f"{filed} ({connection.vendor})")

        national_days_off.cache_clear()  # the first sweep of a process looks the holidays up
        cold, (count, overdue) = timed(sweep, today)
        warm = min(timed(sweep, today)[0] for _ in range(ROUNDS))
        bare = min(timed(bare_loop, today)[0] for _ in range(ROUNDS))
        print(f"{count} open requests, {overdue} overdue on {today}")
        print(f"{'run':<44}{'seconds':>9}{'× bare':>9}")
        print(f"{'bare loop over the same rows':<44}{bare:>9.3f}{1:>9.1f}")
        print(f"{'deadlines + overdue, first in the process':<44}{cold:>9.3f}{cold / bare:>9.1f}")
        print(f"{'deadlines + overdue, best of ' + str(ROUNDS):<44}{warm:>9.3f}{warm / bare:>9.1f}")
        # An app server or worker looks a year's holidays up once in its life: judge the later runs.
        verdict = "holds" if warm < TARGET_SECONDS else "MISSED"
        print(f"target: {verdict}, {warm:.2f} s < {TARGET_SECONDS:.0f} s for {count} requests")
        if connection.vendor == "postgresql":
            connection.close()
            drop_database(os.environ["DATABASE_URL"], arguments.database)


if __name__ == "__main__":
    main()
