import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.search.index import insert_or_update_object

from ppid_docs.models import RegulationPage


class Command(BaseCommand):
    help = (
        "Index again the regulations whose status changed because a date passed (entry into "
        "force, or that of an amending or revoking regulation) in the last --days days, so that "
        "the search's status facet and results follow (each index write purges the page cache). "
        "Daily cron; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="days looked back (covers missed runs)"
        )

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        changed = list(
            RegulationPage.objects.live().status_changed_between(
                today - datetime.timedelta(days=days), today
            )
        )
        for regulation in changed:
            insert_or_update_object(regulation)
        self.stdout.write(
            f"{len(changed)} regulation(s) indexed again with their status of {today}."
        )
