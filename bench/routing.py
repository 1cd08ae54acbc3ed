"""Routing in one query against Wagtail's walk (two queries per path level), in the same run.

In-process, on the database `bench/pages.py` builds (run it once first), page cache off and
fragments warm: for a few pages at different depths, the SQL queries and milliseconds of the
routing alone and of the whole uncached request, under each routing, alternated in rounds so that
a busy box weighs on both alike. From the checkout:

    .venv/bin/python bench/routing.py --database bench_pages --cache-db 1
"""

import argparse
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import REPO, database_exists, services, setup_django
from bench.pages import DATABASE, HEADERS, bench_paths, portal_environment

ROUNDS = 7


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DATABASE, help="built by bench/pages.py")
    parser.add_argument("--cache-db", type=int, help="Redis database number")
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    return parser.parse_args()


@contextmanager
def wagtails_walk():
    """The site root routes as Wagtail's Page does, one level at a time."""
    from wagtail.models import Page

    from portal.models import HomePage

    one_query = HomePage.__dict__["route"]
    HomePage.route = Page.route
    try:
        yield
    finally:
        HomePage.route = one_query


def routing_pages():
    """(name, path): pages one to three levels down, a child of a routable page, a sub-route."""
    from news.models import NewsPage

    paths = dict(bench_paths())
    news = NewsPage.objects.live().order_by("pk").first()
    return [
        ("listing", paths["listing"]),
        ("regulation", paths["regulation"]),
        ("financial report", paths["financial report"]),
        ("figures CSV", paths["financial report"] + "figures.csv"),
        ("news item", news.get_url()),
    ]


def per_call_ms(call, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - start) / repeat * 1000


def measure(name, path, repeat):
    """{routing: (route queries, route ms, request queries, request ms)}, medians over rounds."""
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    client = Client(HTTP_HOST="localhost", headers=HEADERS)
    root = Site.objects.get(is_default_site=True).root_page.specific
    components = [part for part in path.split("/") if part]

    def route():
        type(root).route(root, RequestFactory().get(path), components)

    def request():
        assert client.get(path, secure=True).status_code == 200, path

    samples = {"one query": [], "Wagtail": []}
    counts = {}
    for _ in range(ROUNDS):
        for routing in samples:
            with wagtails_walk() if routing == "Wagtail" else nullcontext():
                request()  # warm the fragments and the site root paths
                with CaptureQueriesContext(connection) as route_queries:
                    route()
                with CaptureQueriesContext(connection) as request_queries:
                    request()
                counts[routing] = (len(route_queries), len(request_queries))
                samples[routing].append(
                    (per_call_ms(route, repeat * 5), per_call_ms(request, repeat))
                )
    return {
        routing: (
            counts[routing][0],
            statistics.median(route_ms for route_ms, _ in runs),
            counts[routing][1],
            statistics.median(request_ms for _, request_ms in runs),
        )
        for routing, runs in samples.items()
    }


def main():
    arguments = parse_arguments()
    with services("postgres", "redis") as service_variables:
        if not database_exists(service_variables["DATABASE_URL"], arguments.database):
            sys.exit(f"no database {arguments.database}: build it with bench/pages.py first")
        environment = portal_environment(
            service_variables, arguments.database, arguments.cache_db, REPO / ".bench"
        )
        setup_django({**environment, "PAGE_CACHE_SECONDS": "0"})
        print(f"{ROUNDS} rounds, medians; request = whole uncached request in-process")
        print(
            f"{'page':<17} {'routing':<10} {'route q':>7} {'route ms':>9} "
            f"{'request q':>9} {'request ms':>10} {'× Wagtail':>9}"
        )
        for name, path in routing_pages():
            results = measure(name, path, arguments.requests)
            wagtail_ms = results["Wagtail"][3]
            for routing, (route_q, route_ms, request_q, request_ms) in results.items():
                print(
                    f"{name:<17} {routing:<10} {route_q:>7} {route_ms:>9.2f} "
                    f"{request_q:>9} {request_ms:>10.1f} {request_ms / wagtail_ms:>9.2f}"
                )


if __name__ == "__main__":
    main()
