"""A request's dates as the requester sees them: each stored date beside the count behind it."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from information_requests.calendar import NonWorkingKind, WorkingCalendar, load_calendar
from information_requests.deadlines import (
    DeadlinePolicy,
    EffectiveReceipt,
    WorkingDaysResult,
    effective_receipt,
    extended_deadline,
    is_overdue,
    notice_deadline,
    policy_from_settings,
    today_local,
    working_days_elapsed,
    working_days_left,
)


@dataclass(frozen=True)
class RequestClock:
    """The stored dates rule. The engine's count is attached only where it gives the same date:
    after a calendar change the date told to the requester stands, and the timeline says why."""

    submitted_at: datetime
    received_on: date
    receipt: EffectiveReceipt | None
    notice_due_on: date
    notice: WorkingDaysResult | None
    extended_due_on: date | None
    extended: WorkingDaysResult | None
    extension_reason: str
    is_open: bool
    # Working days from receipt to today, or to the answer once answered.
    working_days_taken: int
    working_days_left: int
    is_overdue: bool
    policy: DeadlinePolicy

    @property
    def receipt_moved(self):
        return self.received_on != timezone.localtime(self.submitted_at, self.policy.tzinfo).date()

    @property
    def current_due_on(self):
        return self.extended_due_on or self.notice_due_on

    # Plain words for the receipt page, the tracking page, the e-mail and the PDF receipt.

    def receipt_explanation(self):
        """Why the request counts as received later than it was sent; empty when it does not."""
        if not self.receipt_moved:
            return ""
        day = format_day(self.received_on)
        if self.receipt and self.receipt.after_closing_time:
            sentence = _(
                "It arrived after the service desk closed at %(time)s %(zone)s, so it counts as "
                "received on the next working day, %(day)s."
            ) % {"time": self.policy.closing_time.strftime("%H:%M"), "zone": self.zone, "day": day}
        else:
            sentence = _(
                "It arrived on a day the office was closed, so it counts as received on the next "
                "working day, %(day)s."
            ) % {"day": day}
        if self.receipt and self.receipt.skipped_days:
            closed = list_days(self.receipt.skipped_days)
            return join_sentences(
                sentence, _("Days the office was closed: %(days)s.") % {"days": closed}
            )
        return sentence

    def notice_explanation(self):
        sentence = ngettext(
            "The written notice is due by the end of %(day)s (23:59 %(zone)s): %(count)d working "
            "day after the day your request counts as received.",
            "The written notice is due by the end of %(day)s (23:59 %(zone)s): %(count)d working "
            "days after the day your request counts as received.",
            self.policy.notice_days,
        ) % {
            "day": format_day(self.notice_due_on),
            "zone": self.zone,
            "count": self.policy.notice_days,
        }
        return join_sentences(sentence, not_counted(self.notice))

    def extension_explanation(self):
        if not self.extended_due_on:
            return ngettext(
                "If the PPID needs more time, it may extend this once, by %(count)d working day, "
                "and must tell you why in writing.",
                "If the PPID needs more time, it may extend this once, by %(count)d working days, "
                "and must tell you why in writing.",
                self.policy.extension_days,
            ) % {"count": self.policy.extension_days}
        sentence = ngettext(
            "The PPID extended this once, to the end of %(day)s: %(count)d more working day.",
            "The PPID extended this once, to the end of %(day)s: %(count)d more working days.",
            self.policy.extension_days,
        ) % {"day": format_day(self.extended_due_on), "count": self.policy.extension_days}
        return join_sentences(sentence, not_counted(self.extended))

    @property
    def zone(self):
        """The desk's time zone as people say it (WIB for Asia/Jakarta)."""
        return datetime.combine(
            self.received_on, self.policy.closing_time, self.policy.tzinfo
        ).tzname()


def join_sentences(*sentences):
    return " ".join(sentence for sentence in sentences if sentence)


def format_day(day):
    return date_format(day, "l, j F Y")


def format_moment(moment, policy):
    local = timezone.localtime(moment, policy.tzinfo)
    return f"{date_format(local, 'l, j F Y, H:i')} {local.tzname()}"


def not_counted(count):
    """Weekends go without saying; holidays, cuti bersama and closures are named."""
    if count is None:
        return ""
    days = [
        (day.date, [r for r in day.reasons if r.kind != NonWorkingKind.WEEKEND])
        for day in count.skipped_days
    ]
    named = "; ".join(
        f"{date_format(day, 'j F Y')} ({'; '.join(r.label for r in reasons)})"
        for day, reasons in days
        if reasons
    )
    if named:
        return _("Not counted: weekends, and %(days)s.") % {"days": named}
    return _("Weekends are not counted.")


def list_days(non_working_days):
    return "; ".join(f"{date_format(day.date, 'j F Y')} ({day.label})" for day in non_working_days)


def request_clock(
    request,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    today: date | None = None,
) -> RequestClock:
    calendar = calendar or load_calendar()
    policy = policy or policy_from_settings()
    today = today or today_local(policy)
    receipt = effective_receipt(request.submitted_at, calendar, policy)
    notice = notice_deadline(request.received_on, calendar, policy)
    extended = None
    if request.extended_due_on:
        extended = extended_deadline(request.notice_due_on, calendar, policy)
    stopped_on = today
    if request.answered_at:
        stopped_on = timezone.localtime(request.answered_at, policy.tzinfo).date()
    return RequestClock(
        submitted_at=request.submitted_at,
        received_on=request.received_on,
        receipt=receipt if receipt.received_on == request.received_on else None,
        notice_due_on=request.notice_due_on,
        notice=notice if notice.due_on == request.notice_due_on else None,
        extended_due_on=request.extended_due_on,
        extended=extended if extended and extended.due_on == request.extended_due_on else None,
        extension_reason=request.extension_reason,
        is_open=request.is_open,
        working_days_taken=working_days_elapsed(request.received_on, stopped_on, calendar),
        working_days_left=working_days_left(request.current_due_on, today, calendar),
        is_overdue=request.is_open and is_overdue(request.current_due_on, today),
        policy=policy,
    )
