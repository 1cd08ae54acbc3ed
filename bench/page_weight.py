"""Bytes a visitor downloads for key pages (HTML + CSS + JS, gzip, no images) against the budget.

Run after `make run`'s install step:  .venv/bin/python bench/page_weight.py
It builds a throw-away SQLite database with the demo pages, so it neither
needs nor touches the services or your `make run` database.
"""

import gzip
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUDGET_BYTES = 60 * 1024
PAGES = ["/", "/en/", "/peraturan/", "/profil-ppid/", "/permohonan-informasi/"]


def setup_django(database):
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    logging.disable(logging.INFO)  # the page log of the demo loader is not the point here
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def transferred(client, path):
    html = client.get(path).content
    assets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assets += re.findall(rb'<script[^>]* src="/static/([^"]+)"', html)
    bodies = [html] + [(REPO / "static" / name.decode()).read_bytes() for name in assets]
    return sum(len(gzip.compress(body)) for body in bodies), len(assets)


def main():
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from django.test import Client

        from portal.demo import load_demo_pages

        load_demo_pages()
        client = Client(HTTP_HOST="localhost")
        print(f"{'page':<28}{'bytes (gzip)':>14}{'files':>7}{'of budget':>11}")
        for path in PAGES:
            size, files = transferred(client, path)
            print(f"{path:<28}{size:>14}{files + 1:>7}{size / BUDGET_BYTES:>10.0%}")
        print(f"budget: {BUDGET_BYTES} bytes per page without images")


if __name__ == "__main__":
    main()
