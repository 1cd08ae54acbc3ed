import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.search.index import insert_or_update_object

from portal import page_cache
from ppid_docs.models import RegulationPage


class Command(BaseCommand):
    help = (
        "Index again the regulations whose status changed because a date passed (entry into "
        "force, or that of an amending or revoking regulation) in the last --days days, so that "
        "the search's status facet and results follow; purge the page cache if any. Daily cron; "
        "safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="days looked back (covers missed runs)"
        )

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        changed = RegulationPage.objects.live().status_changed_between(
            today - datetime.timedelta(days=days), today
        )
        count = 0
        for regulation in changed:
            insert_or_update_object(regulation)
            count += 1
        if count:
            page_cache.purge()
        self.stdout.write(f"{count} regulation(s) indexed again with their status of {today}.")
