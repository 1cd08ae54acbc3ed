import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from information_requests.calendar import load_calendar
from information_requests.deadlines import (
    EffectiveReceipt,
    WorkingDaysResult,
    describe_day,
    effective_receipt,
    extended_deadline,
    notice_deadline,
    objection_response_deadline,
    policy_from_settings,
)


def parse_moment(value: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"{option}: {value!r} is not an ISO 8601 date-time "
            "(e.g. 2026-03-20T16:30, read as WIB, or 2026-03-20T09:30:00Z)."
        ) from None


class Command(BaseCommand):
    help = (
        "Show the statutory deadlines of a request received at RECEIVED_AT (ISO 8601; without an "
        "offset it is read as WIB), each with the days it skipped and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("received_at", metavar="RECEIVED_AT")
        parser.add_argument(
            "--extended",
            action="store_true",
            help="The notice period was extended once: compute the extended deadline too.",
        )
        parser.add_argument(
            "--objection-received",
            metavar="AT",
            help="When an objection was received: compute the Atasan PPID's deadline.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options):
        received_at = parse_moment(options["received_at"], "RECEIVED_AT")
        objection_at = None
        if options["objection_received"]:
            objection_at = parse_moment(options["objection_received"], "--objection-received")
        policy = policy_from_settings()
        try:
            calendar = load_calendar()
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the calendar overrides ({error}); run migrate."
            ) from None

        receipt = effective_receipt(received_at, calendar, policy)
        notice = notice_deadline(receipt.received_on, calendar, policy)
        extended = (
            extended_deadline(notice.due_on, calendar, policy) if options["extended"] else None
        )
        objection = response = None
        if objection_at is not None:
            objection = effective_receipt(objection_at, calendar, policy)
            response = objection_response_deadline(objection.received_on, calendar, policy)

        if options["json"]:
            self.write_json(receipt, notice, extended, objection, response)
            return
        self.write_receipt(_("Request"), receipt)
        self.write_limit(_("Written notice"), notice)
        if extended:
            self.write_limit(_("Extended notice"), extended)
        if objection and response:
            self.write_receipt(_("Objection"), objection)
            self.write_limit(_("Atasan PPID's answer"), response)

    def write_json(self, receipt, notice, extended, objection, response):
        data = {
            "received_at": receipt.submitted_local.isoformat(),
            "effective_received_on": receipt.received_on.isoformat(),
            "notice_due_on": notice.due_on.isoformat(),
            "extended_due_on": extended.due_on.isoformat() if extended else None,
        }
        if objection and response:
            data["objection_effective_received_on"] = objection.received_on.isoformat()
            data["objection_response_due_on"] = response.due_on.isoformat()
        self.stdout.write(json.dumps(data))

    def write_receipt(self, title: str, receipt: EffectiveReceipt):
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                _("%(title)s received on %(day)s")
                % {"title": title, "day": describe_day(receipt.received_on)}
            )
        )
        for line in receipt.explain():
            self.stdout.write(f"  {line}")

    def write_limit(self, title: str, result: WorkingDaysResult):
        due = result.due_at.strftime("%Y-%m-%d %H:%M:%S %Z")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                _("%(title)s due by %(due)s (%(n)s working days)")
                % {"title": title, "due": due, "n": result.working_days}
            )
        )
        for line in result.explain():
            self.stdout.write(f"  {line}")
