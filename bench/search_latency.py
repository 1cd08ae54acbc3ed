"""Latency of the search page over HTTP at 10,000 and 50,000 generated publications, the real
engine against the database backend in the same run.

Builds a throw-away PostgreSQL database (`bench_search_latency`, or `--database`) with the demo
content, indexes it in the engine under its own prefix (the database's name and `_`) and in the
database backend, then for each size adds generated publications (bench/content.py: bulk-written
pages, indexed with the backends' bulk indexing) and serves the portal twice with production
settings (DEBUG off) under gunicorn: once with `SEARCH_BACKEND` the engine, once `database`. wrk
drives each at 16 connections with two workloads:

- `popular`: the 42 judged queries of tests/search/judgments.json in turn, as the frequent
  searches of a portal come back: after the first asking, the response cache answers them;
- `distinct`: every request a search no earlier request made (two words of the site's titles,
  some with a facet or a second page): the cache never helps, every search reaches the backend.

Prints requests/s and p50/p95/p99 per size, workload and backend, the database's ratio to the
engine, and whether the engine holds p95 < 150 ms at the largest size, for each workload.

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
import random
import re
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
    wrk_threads,
)

DATABASE = "bench_search_latency"
SIZES = (10_000, 50_000)
P95_TARGET_MS = 150
BACKENDS = ("engine", "database")
WORKLOADS = ("popular", "distinct")
DISTINCT_SEARCHES = 8000  # more than a run makes: none is asked twice
DISTINCT_WARM_UP = 20  # other searches, to start each worker's connections and caches


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
        "--cache-db", type=int, help="Redis database number (default: scripts/redis.sh's)"
    )
    parser.add_argument(
        "--profile", metavar="QUERY", help="profile one search in-process (pyinstrument) instead"
    )
    return parser.parse_args()


def environments(service_variables, folder, database, cache_db):
    """The portal's environment served with the engine, and the same with the database backend."""
    engine = {
        **portal_environment(service_variables, database, cache_db, folder),
        "SEARCH_BACKEND": "opensearch3",
        "SEARCH_URLS": service_variables["SEARCH_URLS"],
        "SEARCH_INDEX_PREFIX": f"{database}_",
        "SEARCH_INDEX_REPLICAS": "0",  # a single node: replicas would stay unassigned
        "SEARCH_TIMEOUT": "5",  # the default, named: building uses a longer one
    }
    return {"engine": engine, "database": {**engine, "SEARCH_BACKEND": "database"}}


def queries():
    judged = json.loads((REPO / "tests" / "search" / "judgments.json").read_text())["queries"]
    return list(judged)


def distinct_searches(count, seed=2026):
    """`count` different searches made of two words of the site's Indonesian titles; some filter
    by a year or a content type, some ask for the second page."""
    from wagtail.models import Locale, Page

    titles = Page.objects.live().filter(locale=Locale.get_default()).values_list("title", flat=True)
    words = sorted({word for title in titles for word in re.findall(r"[a-z]{4,}", title.lower())})
    chooser = random.Random(seed)
    searches = set()
    while len(searches) < count:
        parameters = (("q", " ".join(chooser.sample(words, 2))),)
        draw = chooser.random()
        if draw < 0.2:
            parameters += (("year", chooser.randint(2015, 2025)),)
        elif draw < 0.3:
            parameters += (("type", chooser.choice(["regulation", "financial_report"])),)
        if chooser.random() < 0.15:
            parameters += (("page", 2),)
        searches.add(parameters)
    return ["/search/?" + urllib.parse.urlencode(search) for search in sorted(searches)]


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


def wrk_script(paths, threads):
    """wrk's Lua: each thread requests its own share of `paths` in turn (wrk's threads never ask
    the same path unless they run out), and the one-line RESULT report."""
    listed = ", ".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{{listed}}}\nlocal threads = {threads}\nlocal made = 0\n"
        "setup = function(thread)\n  thread:set('first', made)\n  made = made + 1\nend\n"
        "local step = 0\n"
        "request = function()\n  local index = (first + step * threads) % #paths + 1\n"
        "  step = step + 1\n  return wrk.format(nil, paths[index])\nend\n" + WRK_REPORT
    )


def measure(servers, workloads, seconds, connections):
    """{(workload, backend): Measurement}. `workloads` maps a name to (warm-up, measured) paths."""
    results = {}
    for workload, (warm_up, paths) in workloads.items():
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(wrk_script(paths, wrk_threads(connections)))
            script.flush()
            for backend, base in servers.items():
                for path in warm_up:  # warm each worker, and check the searches answer
                    status, _headers = fetch(base + path)
                    if status != 200:
                        raise SystemExit(f"{path} answered {status} ({backend})")
                print(f"  {workload} {backend}", file=sys.stderr)
                run = wrk(base + "/", seconds, connections, script.name)
                if workload == "distinct" and run.requests_per_second * seconds > len(paths):
                    raise SystemExit(f"{len(paths)} distinct searches were too few: make more")
                results[workload, backend] = run
                # Requests wrk gave up on are still queued: wait until the workers are free.
                fetch(base + "/robots.txt")
    return results


def serve_and_measure(environments, workloads, arguments, logs):
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
        return measure(servers, workloads, arguments.seconds, arguments.connections)


def report(rows, arguments):
    print(
        f"\nsearch page; wrk: {arguments.connections} connections on loopback; gunicorn: "
        f"{arguments.workers} sync workers; {os.cpu_count()} cores shared with PostgreSQL, "
        "Redis and OpenSearch"
    )
    header = f"{'pages':>8}  {'workload':<10}{'backend':<10}{'req/s':>9}{'p50 ms':>9}"
    print(header + f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'req/s vs engine':>17}")
    for size, results in rows:
        for workload in WORKLOADS:
            engine = results[workload, "engine"]
            for backend in BACKENDS:
                run = results[workload, backend]
                print(
                    f"{size:>8}  {workload:<10}{backend:<10}{run.requests_per_second:>9.1f}"
                    f"{run.p50_ms:>9.1f}{run.p95_ms:>9.1f}{run.p99_ms:>9.1f}{run.errors:>8}"
                    f"{run.requests_per_second / engine.requests_per_second:>17.2f}"
                )
    size, results = rows[-1]
    for workload in WORKLOADS:
        p95 = results[workload, "engine"].p95_ms
        verdict = "holds" if p95 < P95_TARGET_MS else "MISSED"
        print(
            f"  {verdict:<7} engine p95 < {P95_TARGET_MS} ms at {size} pages, {workload}: "
            f"{p95:.0f} ms"
        )


def main():
    arguments = parse_arguments()
    with ExitStack() as stack:
        service_variables = stack.enter_context(services("postgres", "redis", "opensearch"))
        folder = REPO / ".bench" / arguments.database
        served = environments(service_variables, folder, arguments.database, arguments.cache_db)
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
        popular = [search_path(query) for query in queries()]
        if arguments.profile:
            grow_to(max(arguments.sizes))
            return profile_page("search", [("search", search_path(arguments.profile))])
        ensure_wrk()
        logs = stack.enter_context(tempfile.TemporaryDirectory())
        rows = []
        for size in sorted(arguments.sizes):
            grow_to(size)
            distinct = distinct_searches(DISTINCT_SEARCHES + DISTINCT_WARM_UP)
            workloads = {
                "popular": (popular, popular),
                "distinct": (distinct[:DISTINCT_WARM_UP], distinct[DISTINCT_WARM_UP:]),
            }
            connections.close_all()
            print(f"measuring at {size} generated pages", file=sys.stderr)
            rows.append((size, serve_and_measure(served, workloads, arguments, logs)))
        report(rows, arguments)


if __name__ == "__main__":
    main()
