"""Bulk import throughput (documents/s) of the demo corpus, text extraction in the background.

Imports `demo/corpus` with the real importer (`ppid_docs.importer.import_corpus`) into a
throw-away database with production settings and TASK_BACKEND=database: each document's text
extraction is queued, not waited for. Prints documents/s of the import, then the extraction's own
throughput while `manage.py db_worker --batch` drains the queue (which also holds the search
index and reference index updates Wagtail queues). The baseline, timed in the same
run, reads each file and stores it in the same storage, which any import does at least.

The database is PostgreSQL when DATABASE_URL names a server, as after
`. "$(scripts/services.sh env-file)"` (database `--database`, dropped at the end), else SQLite in a
temporary folder. After `make run`'s install step:

    .venv/bin/python bench/import.py
"""

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    REPO,
    drop_database,
    fresh_database,
    production_environment,
    setup_django,
    stopwatch,
)

CORPUS = REPO / "demo" / "corpus"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a corpus folder")
    parser.add_argument(
        "--database",
        default="bench_import",
        help="PostgreSQL database to create (dropped first) when DATABASE_URL names a server",
    )
    return parser.parse_args()


def store_files(corpus):
    """The baseline: read every file of the manifest and save it to the media storage."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ppid_docs.corpus import read_manifest

    stored = 0
    for record in read_manifest(corpus):
        if record.get("kind") == "news" or not record.get("file"):
            continue
        data = (corpus / record["file"]).read_bytes()
        default_storage.save(f"baseline/{Path(record['file']).name}", ContentFile(data))
        stored += 1
    return stored


def queued_tasks():
    """How many tasks wait, per task."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    found = DBTaskResult.objects.ready().values_list("task_path").annotate(count=Count("pk"))
    return {path.rsplit(".", 1)[-1]: count for path, count in found}


def extraction_outcomes():
    from django.db.models import Count

    from ppid_docs.models import PPIDDocument

    found = PPIDDocument.objects.values_list("text_extraction").annotate(count=Count("pk"))
    return ", ".join(f"{count} {status}" for status, count in sorted(found))


def main():
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory() as folder:
        server = os.environ.get("DATABASE_URL", "")
        if server.startswith("postgres"):
            database_url = fresh_database(server, arguments.database)
        else:
            database_url = f"sqlite:///{Path(folder) / 'import.sqlite3'}"
        setup_django(production_environment(database_url, folder, task_backend="database"))
        from django.core.management import call_command
        from django.db import connection

        from portal.demo import load_demo_pages
        from ppid_docs.importer import import_corpus
        from ppid_docs.models import PPIDDocument

        call_command("migrate", verbosity=0)
        call_command("setup_ppid_roles", stdout=io.StringIO())
        load_demo_pages()

        with stopwatch() as elapsed:
            stored = store_files(arguments.corpus)
        baseline = elapsed()
        with stopwatch() as elapsed:
            report = import_corpus(arguments.corpus)
        imported = elapsed()
        documents = PPIDDocument.objects.count()
        waiting = queued_tasks()
        queued = sum(waiting.values())
        with stopwatch() as elapsed:
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        extraction = elapsed()

        pages = sum(counts["created"] for _kind, counts in report.by_kind())
        print(f"corpus: {arguments.corpus} ({connection.vendor}, database search, local files)")
        print(f"{'run':<44}{'docs':>6}{'seconds':>9}{'docs/s':>9}{'× bare':>9}")
        rows = [
            ("bare: read and store the files", stored, baseline),
            (f"import ({pages} pages, extraction queued)", documents, imported),
            (f"db_worker drains the queue ({queued} tasks)", documents, extraction),
        ]
        for label, count, seconds in rows:
            rate = count / seconds
            print(f"{label:<44}{count:>6}{seconds:>9.2f}{rate:>9.1f}{seconds / baseline:>9.1f}")
        # Wagtail queues its search index and reference index updates as tasks too.
        print(f"queued by the import: {waiting} ({queued / extraction:.1f} tasks/s)")
        print(f"text extraction: {extraction_outcomes()}; still queued: {queued_tasks() or 0}")
        if report.problems:
            print(f"{len(report.problems)} records were invalid, e.g. {report.problems[0]}")
        if connection.vendor == "postgresql":
            connection.close()
            drop_database(server, arguments.database)


if __name__ == "__main__":
    main()
