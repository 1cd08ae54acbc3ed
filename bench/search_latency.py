"""Latency of the search page over HTTP at 10,000 and 50,000 generated publications, the real
engine against the database backend in the same run.

Builds a throw-away PostgreSQL database (`bench_search_latency`, or `--database`) with the demo
content, indexes it in the engine under its own prefix (the database's name and `_`) and in the
database backend, then for each size adds generated publications (bench/content.py: bulk-written
pages, indexed with the backends' bulk indexing) and serves the portal twice with production
settings (DEBUG off) under gunicorn: once with `SEARCH_BACKEND` the engine, once `database`. wrk
drives each at 16 connections with the judged queries of tests/search/judgments.json in turn
(every request a different search, as visitors make them). Prints requests/s and p50/p95/p99 per
size and backend, the database's ratio to the engine, and whether the engine holds p95 < 150 ms
at the largest size.

    .venv/bin/python bench/search_latency.py                   # 10,000 and 50,000; ~15 minutes
    .venv/bin/python bench/search_latency.py --sizes 10000     # one size
    .venv/bin/python bench/search_latency.py --reuse           # keep what an earlier run built
    .venv/bin/python bench/search_latency.py --reuse --profile "pajak daerah"   # in-process

It uses the running services of scripts/ (PostgreSQL, Redis, OpenSearch; started and stopped
again if they were not running) and installs wrk with apt-get when it is missing.
"""

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    REPO,
    database_exists,
    fresh_database,
    services,
    setup_django,
    stopwatch,
    with_database,
)
from bench.pages import (
    WRK_REPORT,
    ensure_wrk,
    fetch,
    free_port,
    gunicorn,
    portal_environment,
    profile_page,
    wrk,
)

DATABASE = "bench_search_latency"
SIZES = (10_000, 50_000)
P95_TARGET_MS = 150
BACKENDS = ("engine", "database")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="generated pages")
    parser.add_argument("--seconds", type=int, default=20, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, default=2 * os.cpu_count() + 1, help="gunicorn workers (2×cores+1)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep what an earlier run built")
    parser.add_argument(
        "--database", default=DATABASE, help="its database, and its indexes' prefix (+ '_')"
    )
    parser.add_argument(
        "--profile", metavar="QUERY", help="profile one search in-process (pyinstrument) instead"
    )
    return parser.parse_args()


def environments(service_variables, folder, database):
    """The portal's environment served with the engine, and the same with the database backend."""
    engine = {
        **portal_environment(service_variables, folder),
        "DATABASE_URL": with_database(service_variables["DATABASE_URL"], database),
        "SEARCH_BACKEND": "opensearch3",
        "SEARCH_URLS": service_variables["SEARCH_URLS"],
        "SEARCH_INDEX_PREFIX": f"{database}_",
        "SEARCH_INDEX_REPLICAS": "0",  # a single node: replicas would stay unassigned
        "SEARCH_TIMEOUT": "5",  # the default, named: building uses a longer one
        # A cache database of one's own when the caller names one (sessions share the server).
        "CACHE_URL": os.environ.get("CACHE_URL", service_variables["CACHE_URL"]),
    }
    return {"engine": engine, "database": {**engine, "SEARCH_BACKEND": "database"}}


def queries():
    judged = json.loads((REPO / "tests" / "search" / "judgments.json").read_text())["queries"]
    return list(judged)


def generated_count():
    from wagtail.models import Page

    return Page.objects.filter(slug__startswith="bench-").count()


def build_demo():
    from django.core.management import call_command

    with stopwatch() as elapsed:
        call_command("migrate", verbosity=0)
        call_command("setup_ppid_roles", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())
        call_command("update_index", stdout=io.StringIO())
    print(f"demo content loaded and indexed in {elapsed():.0f} s")


def grow_to(size):
    """Add generated publications until there are `size` of them; index them in both backends."""
    from wagtail.search.backends import get_search_backend

    from bench.content import generate_publications

    existing = generated_count()
    if existing >= size:
        return
    with stopwatch() as elapsed:
        made = generate_publications(size - existing, first_number=existing + 1)
    counts = ", ".join(f"{count} {model.__name__}" for model, count in made.items())
    print(f"generated and indexed {size - existing} more in {elapsed():.0f} s: {counts}")
    get_search_backend().refresh_indexes()


def search_path(query):
    return "/search/?" + urllib.parse.urlencode({"q": query})


def wrk_script(paths):
    """wrk's Lua: each request the next of `paths`, and the one-line RESULT report."""
    listed = ", ".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{{listed}}}\nlocal next_path = 0\n"
        "request = function()\n  next_path = next_path % #paths + 1\n"
        "  return wrk.format(nil, paths[next_path])\nend\n" + WRK_REPORT
    )


def measure(servers, paths, seconds, connections):
    results = {}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(wrk_script(paths))
        script.flush()
        for backend, base in servers.items():
            for path in paths:  # warm each worker's caches, and check every search answers
                status, _headers = fetch(base + path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status} ({backend})")
            print(f"  {backend}", file=sys.stderr)
            results[backend] = wrk(base + "/", seconds, connections, script.name)
    return results


def serve_and_measure(environments, paths, arguments, logs):
    with ExitStack() as stack:
        servers = {
            backend: stack.enter_context(
                gunicorn(
                    "portal.wsgi:application",
                    environments[backend],
                    free_port(),
                    arguments.workers,
                    Path(logs) / f"{backend}.log",
                )
            )
            for backend in BACKENDS
        }
        return measure(servers, paths, arguments.seconds, arguments.connections)


def report(rows, arguments, query_count):
    print(
        f"\nsearch page, {query_count} judged queries in turn; wrk: {arguments.connections} "
        f"connections on loopback; gunicorn: {arguments.workers} sync workers; "
        f"{os.cpu_count()} cores shared with PostgreSQL and OpenSearch"
    )
    header = f"{'pages':>8}  {'backend':<10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    print(header + f"{'errors':>8}{'req/s vs engine':>17}{'p95 vs engine':>15}")
    for size, results in rows:
        engine = results["engine"]
        for backend in BACKENDS:
            run = results[backend]
            print(
                f"{size:>8}  {backend:<10}{run.requests_per_second:>9.1f}{run.p50_ms:>9.1f}"
                f"{run.p95_ms:>9.1f}{run.p99_ms:>9.1f}{run.errors:>8}"
                f"{run.requests_per_second / engine.requests_per_second:>17.2f}"
                f"{run.p95_ms / engine.p95_ms:>15.2f}"
            )
    size, results = rows[-1]
    p95 = results["engine"].p95_ms
    verdict = "holds" if p95 < P95_TARGET_MS else "MISSED"
    print(f"\n  {verdict:<7} engine p95 < {P95_TARGET_MS} ms at {size} pages: {p95:.0f} ms")


def main():
    arguments = parse_arguments()
    with ExitStack() as stack:
        service_variables = stack.enter_context(services("postgres", "redis", "opensearch"))
        folder = REPO / ".bench" / arguments.database
        served = environments(service_variables, folder, arguments.database)
        database = arguments.database
        reuse = arguments.reuse and database_exists(service_variables["DATABASE_URL"], database)
        if not reuse:
            shutil.rmtree(folder, ignore_errors=True)
            fresh_database(service_variables["DATABASE_URL"], database)
        # Bulk indexing and refreshes of a busy engine outlast the serving timeout.
        setup_django({**served["engine"], "SEARCH_TIMEOUT": "120"})
        if not reuse:
            build_demo()
        from django.core.management import call_command
        from django.db import connections

        call_command("collectstatic", interactive=False, verbosity=0)
        paths = [search_path(query) for query in queries()]
        if arguments.profile:
            grow_to(max(arguments.sizes))
            return profile_page("search", [("search", search_path(arguments.profile))])
        ensure_wrk()
        logs = stack.enter_context(tempfile.TemporaryDirectory())
        rows = []
        for size in sorted(arguments.sizes):
            grow_to(size)
            connections.close_all()
            print(f"measuring at {size} generated pages", file=sys.stderr)
            rows.append((size, serve_and_measure(served, paths, arguments, logs)))
        report(rows, arguments, len(paths))


if __name__ == "__main__":
    main()
