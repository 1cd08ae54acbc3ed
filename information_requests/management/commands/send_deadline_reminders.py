from django.core.management.base import BaseCommand, CommandError

from information_requests.reminders import reminder_working_days, send_deadline_reminders


class Command(BaseCommand):
    help = (
        "E-mail the reminders owed today: staff before a deadline, the Atasan PPID and the "
        "requester once it has passed. Each reminder is sent once per deadline, however often "
        "this runs (daily from cron is the intended use)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before",
            type=int,
            default=None,
            help="Working days before a deadline to remind staff "
            f"(default: PPID_REMINDER_WORKING_DAYS, now {reminder_working_days()}).",
        )

    def handle(self, *args, days_before=None, **options):
        if days_before is not None and days_before < 0:
            raise CommandError("--days-before cannot be negative.")
        run = send_deadline_reminders(days_before=days_before)
        for reminder in run.sent:
            self.stdout.write(
                f"{reminder.request.registration_number}: {reminder.kind.value} "
                f"sent to {reminder.role.value} (deadline {reminder.due_on.isoformat()})"
            )
        for reminder in run.unaddressed:
            self.stderr.write(
                f"{reminder.request.registration_number}: {reminder.kind.value} not sent, "
                f"nobody to send it to ({reminder.role.value} without an e-mail address)"
            )
        self.stdout.write(f"{len(run.sent)} reminder(s) sent.")
        if run.failed:
            raise CommandError(f"{len(run.failed)} reminder(s) failed; they will be retried.")
