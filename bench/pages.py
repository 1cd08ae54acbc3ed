"""Requests per second of the key pages against a bare Django view, served alike, in the same run.

Builds a throw-away PostgreSQL database (`bench_pages`, or `--database`) with the demo content
and a few thousand generated publications, serves it with production settings (DEBUG off, Redis
page cache) under gunicorn, serves a bare view answering "ok" (bench/bare_site.py) under the same
gunicorn settings, and drives them with wrk on loopback, each page run between two runs of the
bare view. Prints requests/s, p50/p95/p99 and each page's ratio to the bare view, with the page
cache on (anonymous visitors) and off (PAGE_CACHE_SECONDS=0), and whether the targets hold.

Search runs on the database backend (PostgreSQL full-text), the default of a deployment without
an engine. After `make run`'s install step, from the checkout:

    .venv/bin/python bench/pages.py                  # about 6 minutes; --seconds 5 halves it
    .venv/bin/python bench/pages.py --reuse          # skip the build when the database exists
    .venv/bin/python bench/pages.py --reuse --profile regulation   # where one page's time goes

On a shared server, give your own `--database` and `--cache-db` (Redis database number).
It starts PostgreSQL and Redis with scripts/ (and stops them again if it started them) and
installs wrk with apt-get when it is missing.
"""

import argparse
import io
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    REPO,
    database_exists,
    fresh_database,
    production_environment,
    services,
    setup_django,
    stopwatch,
    with_database,
)

DATABASE = "bench_pages"
SEARCH_QUERY = "anggaran daerah"
HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of gunicorn says
CACHED_SHARE_TARGET = 0.50
UNCACHED_SHARE_TARGET = 0.055
SEARCH_P95_TARGET_MS = 150
# Detail and listing pages, held to the uncached target.
UNCACHED_TARGET_PAGES = {"listing", "regulation", "financial report"}
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), errors))
end
"""


@dataclass(frozen=True)
class Measurement:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=3000, help="generated publications")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, default=2 * os.cpu_count() + 1, help="gunicorn workers (2×cores+1)"
    )
    parser.add_argument("--database", default=DATABASE, help="the PostgreSQL database to build")
    parser.add_argument(
        "--cache-db",
        type=int,
        help="Redis database number (default: scripts/redis.sh's)",
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database if it exists")
    parser.add_argument(
        "--profile", metavar="PAGE", help="profile one page in-process (pyinstrument) instead"
    )
    return parser.parse_args()


def portal_environment(service_variables, database, cache_db, folder):
    cache_url = service_variables["CACHE_URL"]
    if cache_db is not None:
        cache_url = with_database(cache_url, str(cache_db))
    database_url = with_database(service_variables["DATABASE_URL"], database)
    return production_environment(database_url, folder, cache_url)


def build_site(generated):
    from django.core.management import call_command

    from bench.content import generate_publications

    with stopwatch() as elapsed:
        call_command("migrate", verbosity=0)
        call_command("setup_ppid_roles", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())
    print(f"demo content and corpus loaded in {elapsed():.0f} s")
    with stopwatch() as elapsed:
        made = generate_publications(generated)
    counts = ", ".join(f"{count} {model.__name__}" for model, count in made.items())
    print(f"generated in {elapsed():.0f} s: {counts}")


def bench_paths():
    """(name, path) of each benchmarked page, chosen among the richest of the corpus."""
    from django.db.models import Count
    from wagtail.models import Locale

    from ppid_docs.models import FinancialReportPage, RegulationPage

    locale = Locale.get_default()
    imported = {"locale": locale, "external_id__gt": ""}
    regulation = (
        RegulationPage.objects.live()
        .filter(**imported)
        .annotate(changes=Count("incoming_relations") + Count("outgoing_relations"))
        .order_by("-changes", "pk")
        .first()
    )
    report = (
        FinancialReportPage.objects.live()
        .filter(**imported)
        .annotate(lines=Count("figures"))
        .order_by("-lines", "pk")
        .first()
    )
    return [
        ("home", "/"),
        ("listing", "/peraturan/"),
        ("regulation", regulation.get_url()),
        ("financial report", report.get_url()),
        ("DIP", "/daftar-informasi-publik/"),
        ("search", "/search/?" + urllib.parse.urlencode({"q": SEARCH_QUERY})),
        ("request form", "/permohonan-informasi/"),
    ]


def fetch(url):
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn for {url} exited with {process.returncode}")
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


@contextmanager
def gunicorn(application, environment, port, workers, log):
    command = [
        *(sys.executable, "-m", "gunicorn", application),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync"),
        *("--chdir", str(REPO), "--log-level", "warning", "--error-logfile", str(log)),
    ]
    process = subprocess.Popen(command, env={**os.environ, **environment})
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        process.wait(timeout=30)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def wrk_threads(connections):
    return min(2, connections)


def wrk(url, seconds, connections, script):
    headers = [
        argument for name, value in HEADERS.items() for argument in ("-H", f"{name}: {value}")
    ]
    command = [
        *("wrk", f"-t{wrk_threads(connections)}", f"-c{connections}", f"-d{seconds}s"),
        *("--timeout", "30s", "-s", str(script), *headers, url),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, p99, errors = (int(value) for value in line.split()[1:])
    return Measurement(requests / (duration_us / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, errors)


def check_pages(servers, paths):
    """Every page answers 200 on both servers; say why a page the cache cannot serve is not."""
    notes = {}
    for name, path in paths:
        for mode, base in servers.items():
            status, headers = fetch(base + path)
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status} ({mode})")
        _status, headers = fetch(servers["cached"] + path)
        if headers.get("X-Page-Cache") == "hit":
            notes[name] = ""
        elif "cookie" in headers.get("Vary", "").lower():
            notes[name] = "cache: not stored, personal (CSRF token)"
        else:
            notes[name] = "cache: not a cached route"
    return notes


def measure(bare_url, servers, paths, seconds, connections):
    """Each page run between two runs of the bare view: its ratio is to their mean."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        runs = [(name, mode, base + path) for name, path in paths for mode, base in servers.items()]
        bare = [wrk(bare_url + "/", seconds, connections, script.name)]
        results = []
        for number, (name, mode, url) in enumerate(runs, start=1):
            print(f"  [{number}/{len(runs)}] {name} ({mode})", file=sys.stderr)
            page = wrk(url, seconds, connections, script.name)
            # Requests wrk gave up on are still queued: wait until the workers are free again.
            fetch(servers[mode] + "/robots.txt")
            bare.append(wrk(bare_url + "/", seconds, connections, script.name))
            baseline = statistics.mean(run.requests_per_second for run in bare[-2:])
            results.append((name, mode, page, baseline))
    return results, bare


def report(results, bare, notes, connections, workers):
    bare_rates = [run.requests_per_second for run in bare]
    print(
        f"\nwrk: {connections} connections on loopback; gunicorn: {workers} sync workers; "
        f"{os.cpu_count()} cores; search: database backend (PostgreSQL)"
    )
    print(
        f"bare view: {statistics.mean(bare_rates):.0f} req/s on average "
        f"({min(bare_rates):.0f}–{max(bare_rates):.0f} over {len(bare)} runs)"
    )
    header = f"{'page':<18}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    print(header + f"{'bare req/s':>12}{'of bare':>9}{'errors':>8}  note")
    for name, mode, page, baseline in results:
        note = notes[name] if mode == "cached" else ""
        print(
            f"{name:<18}{mode:<10}{page.requests_per_second:>9.1f}{page.p50_ms:>9.1f}"
            f"{page.p95_ms:>9.1f}{page.p99_ms:>9.1f}{baseline:>12.0f}"
            f"{page.requests_per_second / baseline:>9.1%}{page.errors:>8}  {note}"
        )
    print("\ntargets:")
    for name, mode, page, baseline in results:
        share = page.requests_per_second / baseline
        if mode == "cached":
            verdict(
                f"{name}, cached ≥ {CACHED_SHARE_TARGET:.0%} of bare",
                share,
                "≥",
                CACHED_SHARE_TARGET,
            )
        elif name in UNCACHED_TARGET_PAGES:
            verdict(
                f"{name}, uncached ≥ {UNCACHED_SHARE_TARGET:.1%} of bare",
                share,
                "≥",
                UNCACHED_SHARE_TARGET,
            )
        if name == "search":
            verdict(
                f"search p95 < {SEARCH_P95_TARGET_MS} ms at {connections} connections ({mode})",
                page.p95_ms,
                "<",
                SEARCH_P95_TARGET_MS,
            )


def verdict(label, value, relation, target):
    holds = value >= target if relation == "≥" else value < target
    shown = f"{value:.1%}" if target < 1 else f"{value:.0f} ms"
    print(f"  {'holds' if holds else 'MISSED':<7} {label}: {shown}")


def profile_page(name, paths, repeat=30):
    """Render one page in-process, uncached, `repeat` times: SQL queries and a pyinstrument tree."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    path = dict(paths)[name]
    client = Client(HTTP_HOST="localhost", headers=HEADERS)
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path, secure=True)  # warm: first-request caches are not the point
        connection.queries_log.clear()  # a full log (it keeps 9000) would capture nothing
        with CaptureQueriesContext(connection) as queries:
            client.get(path, secure=True)
        profiler = Profiler(interval=0.001)
        with stopwatch() as elapsed:
            profiler.start()
            for _ in range(repeat):
                client.get(path, secure=True)
            profiler.stop()
    print(f"{name} ({path}): {len(queries)} SQL queries, {elapsed() / repeat * 1000:.1f} ms each")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(profiler.output_text(unicode=True, color=False, flat=True)[:6000])


def main():
    arguments = parse_arguments()
    with ExitStack() as stack:
        service_variables = stack.enter_context(services("postgres", "redis"))
        folder = REPO / ".bench"
        environment = portal_environment(
            service_variables, arguments.database, arguments.cache_db, folder
        )
        database_url = service_variables["DATABASE_URL"]
        reuse = arguments.reuse and database_exists(database_url, arguments.database)
        if not reuse:
            shutil.rmtree(folder, ignore_errors=True)
            fresh_database(database_url, arguments.database)
        setup_django(environment)
        if not reuse:
            build_site(arguments.pages)
        from django.core.management import call_command
        from django.db import connections

        paths = bench_paths()
        call_command("collectstatic", interactive=False, verbosity=0)
        if arguments.profile:
            return profile_page(arguments.profile, paths)
        connections.close_all()
        ensure_wrk()
        logs = stack.enter_context(tempfile.TemporaryDirectory())
        servers = {}
        for mode, cache_seconds in (("cached", "3600"), ("uncached", "0")):
            servers[mode] = stack.enter_context(
                gunicorn(
                    "portal.wsgi:application",
                    {**environment, "PAGE_CACHE_SECONDS": cache_seconds},
                    free_port(),
                    arguments.workers,
                    Path(logs) / f"{mode}.log",
                )
            )
        bare_url = stack.enter_context(
            gunicorn(
                "django.core.wsgi:get_wsgi_application()",
                {**environment, "DJANGO_SETTINGS_MODULE": "bench.bare_site"},
                free_port(),
                arguments.workers,
                Path(logs) / "bare.log",
            )
        )
        notes = check_pages(servers, paths)
        results, bare = measure(bare_url, servers, paths, arguments.seconds, arguments.connections)
        report(results, bare, notes, arguments.connections, arguments.workers)


if __name__ == "__main__":
    main()
