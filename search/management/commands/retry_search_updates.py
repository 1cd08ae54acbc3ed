"""Replay the index updates that failed while the engine was unreachable (run it from cron)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.retry import retry_pending_updates


class Command(BaseCommand):
    help = "Write to the search engine the index updates that failed while it was unreachable."

    def handle(self, *args, **options):
        done, left = retry_pending_updates()
        self.stdout.write(
            _("%(done)d index updates replayed, %(left)d still pending.")
            % {"done": done, "left": left}
        )
