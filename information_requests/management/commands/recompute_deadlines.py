from django.core.management.base import BaseCommand

from information_requests.calendar_changes import recompute_open_deadlines


class Command(BaseCommand):
    help = (
        "Count the deadlines of open requests again on the working calendar in force (after a "
        "calendar change). A deadline already told to the requester never moves earlier; each "
        "request whose deadline moves gets a timeline entry. Safe to run again at any time."
    )

    def handle(self, *args, **options):
        moved = recompute_open_deadlines()
        for request in moved:
            self.stdout.write(
                f"{request.registration_number}: notice due {request.notice_due_on.isoformat()}"
                + (
                    f", extended due {request.extended_due_on.isoformat()}"
                    if request.extended_due_on
                    else ""
                )
            )
        self.stdout.write(f"{len(moved)} open request(s) with a new deadline.")
