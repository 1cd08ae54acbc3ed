"""Search quality on the demo corpus: our search against Wagtail's default search, same run.

Reads the judged queries in tests/search/judgments.json (corpus ids with graded relevance),
imports demo/corpus into a throw-away database, indexes it in the configured backend and prints
precision@5, MRR and nDCG@10 for both. Run from the checkout after `make install`:

    scripts/services.sh up && . "$(scripts/services.sh env-file)"
    .venv/bin/python bench/search_quality.py

Without services it measures the database backend (SQLite), which is what `make run` uses.
"""

import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("TEST_INDEX_PREFIX", "bench_")
CUTOFF = 10


def precision_at(ranked, relevant, k=5):
    return sum(1 for item in ranked[:k] if item in relevant) / k


def reciprocal_rank(ranked, relevant):
    return next((1 / rank for rank, item in enumerate(ranked, 1) if item in relevant), 0.0)


def ndcg_at(ranked, grades, k=CUTOFF):
    gain = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(rank + 1)
        for rank, item in enumerate(ranked[:k], 1)
    )
    ideal = sum(
        (2**grade - 1) / math.log2(rank + 1)
        for rank, grade in enumerate(sorted(grades.values(), reverse=True)[:k], 1)
    )
    return gain / ideal if ideal else 0.0


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":  # SQLite's test database is in memory
        # Its own database, so that it may run beside the test suite.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = "bench_search_quality"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return measure(call_command)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(call_command):
    from wagtail.models import Locale, Page

    from ppid_docs.models.publication import PublicationPage
    from search.engine import run_search
    from search.request import SearchRequest
    from tests.conftest import install_home_page

    install_home_page()
    call_command("setup_ppid_roles", verbosity=0)
    call_command("import_corpus", str(ROOT / "demo" / "corpus"), verbosity=0)
    call_command("update_index", verbosity=0)

    from django.apps import apps

    external_ids = {}
    for model in apps.get_models():
        if issubclass(model, PublicationPage):
            external_ids.update(dict(model.objects.values_list("pk", "external_id")))
    locale = Locale.get_default()
    judgments = json.loads((ROOT / "tests" / "search" / "judgments.json").read_text())["queries"]

    def ours(query):  # its first page holds the 10 results nDCG@10 needs
        outcome = run_search(SearchRequest({"q": query}), locale)
        return [hit.page.pk for hit in outcome.hits.object_list]

    def wagtail_default(query):
        pages = Page.objects.live().public().filter(locale=locale)
        return [page.pk for page in pages.search(query)[:CUTOFF]]

    from django.conf import settings

    print(f"{len(judgments)} judged queries, backend: {settings.SEARCH_BACKEND}")
    print(f"{'search':<22}{'P@5':>8}{'MRR':>8}{'nDCG@10':>10}")
    for name, run in (("wagtail default", wagtail_default), ("portal search", ours)):
        scores = []
        for query, grades in judgments.items():
            ranked = [external_ids.get(pk) for pk in run(query)]
            scores.append(
                (
                    precision_at(ranked, grades),
                    reciprocal_rank(ranked, grades),
                    ndcg_at(ranked, grades),
                )
            )
        means = [sum(column) / len(scores) for column in zip(*scores, strict=True)]
        print(f"{name:<22}{means[0]:>8.3f}{means[1]:>8.3f}{means[2]:>10.3f}")


if __name__ == "__main__":
    main()
