from django.core.management.base import BaseCommand

from information_requests.calendar_changes import (
    recompute_open_deadlines,
    recompute_open_objection_deadlines,
)


class Command(BaseCommand):
    help = (
        "Count the deadlines of open requests and objections again on the working calendar in "
        "force (after a calendar change). A deadline already told to the requester never moves "
        "earlier; each case whose deadline moves gets a timeline entry. Safe to run again."
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
        objections = recompute_open_objection_deadlines()
        for objection in objections:
            due_on = objection.response_due_on.isoformat()
            self.stdout.write(f"{objection.registration_number}: answer due {due_on}")
        self.stdout.write(f"{len(objections)} open objection(s) with a new deadline.")
