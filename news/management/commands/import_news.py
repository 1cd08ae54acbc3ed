from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from news.importer import import_news
from news.models import NewsIndexPage
from ppid_docs.corpus import CorpusError
from ppid_docs.management.commands.import_corpus import quiet


class Command(BaseCommand):
    help = (
        "Import the news records (kind “news”) of a corpus folder as news pages under the news "
        "list. Safe to re-run: unchanged records change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The folder holding manifest.json.")

    def handle(self, *args, path, **options):
        index = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
        if index is None:
            raise CommandError(_("There is no news list to import into: create one first."))
        try:
            with quiet("wagtail"):
                report = import_news(path, index)
        except CorpusError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"news: {report.summary()}")
        if report.problems:
            self.stderr.write(self.style.WARNING(_("Invalid records:")))
            for problem in report.problems:
                self.stderr.write(f"  {problem.record}: {problem.reason}")
