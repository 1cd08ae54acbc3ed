import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ppid_docs.corpus import CorpusError
from ppid_docs.importer import OUTCOMES, SKIPPED_KINDS, NoHomePage, import_corpus


class ProgressBar:
    """One line on stderr, redrawn in place: [#####.....] 80/135 reg-perda-2011-02."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.drawn = False

    def __call__(self, done, total, record):
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {record:<40.40}", ending="")
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("")


@contextmanager
def quiet(logger_name):
    """Wagtail logs every page created and published: thousands of lines that bury the report."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Import a corpus folder (manifest.json + files/): agencies, documents and pages. "
        "Safe to re-run: unchanged records change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The folder holding manifest.json and files/.")

    def handle(self, *args, path, **options):
        progress = ProgressBar(self.stderr)
        try:
            with quiet("wagtail"):
                report = import_corpus(path, progress=progress)
        except (CorpusError, NoHomePage) as error:
            raise CommandError(str(error)) from error
        finally:
            progress.finish()
        for kind, counts in report.by_kind():
            self.stdout.write(f"{kind}: {self.describe_counts(kind, counts)}")
        if report.problems:
            self.stderr.write(self.style.WARNING(_("Invalid records:")))
            for problem in report.problems:
                self.stderr.write(f"  {problem.record}: {problem.reason}")

    def describe_counts(self, kind, counts):
        if kind in SKIPPED_KINDS and set(counts) == {"skipped"}:
            return _("%(count)s skipped — %(reason)s") % {
                "count": counts["skipped"],
                "reason": SKIPPED_KINDS[kind],
            }
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s skipped, %(invalid)s invalid"
        ) % {outcome: counts[outcome] for outcome in OUTCOMES}
