"""Deadline reminders: who is told what, and when, each once.

- **Due soon**: `PPID_REMINDER_WORKING_DAYS` working days (default 2) before the current deadline,
  to the assigned agency's PPID Pelaksana, or to PPID Utama while the request is unassigned.
- **Overdue**: once the deadline has passed without an answer, to the Atasan PPID.
- **Not answered**: at the same moment, to the requester if they gave an e-mail address, with
  their right to object (UU 35(1) c).

For objections, the Atasan PPID is reminded the same number of working days before the answer is
due, and again once it is overdue (UU 36(2)).

A reminder is sent once per kind and deadline: each sending writes a REMINDER_SENT event (kind,
recipients' role, deadline, date), checked under the request's row lock before sending. So
`manage.py send_deadline_reminders` may run from cron as often as wanted; an extended or
recomputed deadline is a new deadline and earns its reminders again.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from information_requests.calendar import load_calendar
from information_requests.choices import EventKind
from information_requests.deadlines import (
    is_due_within,
    is_overdue,
    objection_filing_window,
    policy_from_settings,
    today_local,
    working_days_left,
)
from information_requests.models import InformationRequest, Objection
from information_requests.permissions import agency_staff, supervisors, utama_staff

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_WORKING_DAYS = 2


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Deadline approaching")
    OVERDUE = "overdue", _("Deadline passed")
    NOT_ANSWERED = "not_answered", _("Requester told the deadline has passed")
    OBJECTION_DUE_SOON = "objection_due_soon", _("Objection: answer due soon")
    OBJECTION_OVERDUE = "objection_overdue", _("Objection: answer overdue")


class RecipientRole(models.TextChoices):
    AGENCY_STAFF = "agency_staff", _("the agency's PPID Pelaksana")
    PPID_UTAMA = "ppid_utama", _("PPID Utama")
    SUPERVISOR = "supervisor", _("Atasan PPID")
    REQUESTER = "requester", _("the requester")


SUBJECTS = {
    ReminderKind.DUE_SOON: _("Request %(number)s: written notice due by %(day)s"),
    ReminderKind.OVERDUE: _("Request %(number)s is overdue: the notice was due by %(day)s"),
    ReminderKind.NOT_ANSWERED: _("Your information request %(number)s: the answer is late"),
    ReminderKind.OBJECTION_DUE_SOON: _("Objection %(number)s: your answer is due by %(day)s"),
    ReminderKind.OBJECTION_OVERDUE: _(
        "Objection %(number)s is overdue: your answer was due by %(day)s"
    ),
}


def reminder_working_days():
    return getattr(settings, "PPID_REMINDER_WORKING_DAYS", DEFAULT_REMINDER_WORKING_DAYS)


@dataclass(frozen=True)
class Reminder:
    request: InformationRequest | Objection  # what the reminder is about
    kind: ReminderKind
    role: RecipientRole
    due_on: date


def reminders_owed(request, today, calendar, days_before):
    """The reminders an open request is owed today, whether or not already sent."""
    due_on = request.current_due_on
    if is_overdue(due_on, today):
        owed = [Reminder(request, ReminderKind.OVERDUE, RecipientRole.SUPERVISOR, due_on)]
        if request.email:
            owed.append(
                Reminder(request, ReminderKind.NOT_ANSWERED, RecipientRole.REQUESTER, due_on)
            )
        return owed
    if is_due_within(due_on, today, days_before, calendar):
        role = RecipientRole.AGENCY_STAFF if request.agency_id else RecipientRole.PPID_UTAMA
        return [Reminder(request, ReminderKind.DUE_SOON, role, due_on)]
    return []


def objection_reminders_owed(objection, today, calendar, days_before):
    """The Atasan PPID's reminders an unanswered objection is owed today."""
    due_on = objection.response_due_on
    if is_overdue(due_on, today):
        kind = ReminderKind.OBJECTION_OVERDUE
    elif is_due_within(due_on, today, days_before, calendar):
        kind = ReminderKind.OBJECTION_DUE_SOON
    else:
        return []
    return [Reminder(objection, kind, RecipientRole.SUPERVISOR, due_on)]


def recipients(reminder):
    if reminder.role == RecipientRole.REQUESTER:
        return [reminder.request.email]
    staff = {
        RecipientRole.AGENCY_STAFF: lambda: agency_staff(reminder.request.agency),
        RecipientRole.PPID_UTAMA: utama_staff,
        RecipientRole.SUPERVISOR: supervisors,
    }[reminder.role]()
    return sorted(set(staff.values_list("email", flat=True)))


def already_sent(request, reminder):
    return request.events.filter(
        kind=EventKind.REMINDER_SENT,
        data__reminder=reminder.kind.value,
        data__due_on=reminder.due_on.isoformat(),
    ).exists()


ADMIN_PAGES = {InformationRequest: "request_admin:inspect", Objection: "objection_admin:inspect"}


def compose(reminder, address, today, calendar, policy):
    request = reminder.request
    context = {
        "request": request,
        "due_on": reminder.due_on,
        "working_days_left": working_days_left(reminder.due_on, today, calendar),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    if reminder.role == RecipientRole.REQUESTER:
        context["objection_due_on"] = objection_filing_window(
            "c", calendar, policy, notice_limit_on=reminder.due_on
        ).due_on
    else:
        path = reverse(ADMIN_PAGES[type(request)], args=(request.pk,))
        context["admin_url"] = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    subject = SUBJECTS[reminder.kind] % {
        "number": request.registration_number,
        "day": date_format(reminder.due_on, "DATE_FORMAT"),
    }
    body = render_to_string(f"information_requests/email/reminder_{reminder.kind}.txt", context)
    return EmailMessage(subject=str(subject), body=body, to=[address])


@transaction.atomic
def send_once(reminder, addresses, today, calendar, policy, connection):
    """Send the reminder and record it, unless it was recorded already (checked under the
    request's row lock, so two overlapping runs cannot both send). A failed sending records
    nothing, so the next run tries again."""
    model = type(reminder.request)
    locked = model.objects.select_for_update().get(pk=reminder.request.pk)
    if already_sent(locked, reminder):
        return False
    messages = [compose(reminder, address, today, calendar, policy) for address in addresses]
    connection.send_messages(messages)
    # Request and objection events share the kind's value.
    locked.events.create(
        kind=EventKind.REMINDER_SENT,
        from_status=locked.status,
        to_status=locked.status,
        data={
            "reminder": reminder.kind.value,
            "recipient_role": reminder.role.value,
            "due_on": reminder.due_on.isoformat(),
            "sent_on": today.isoformat(),
            "recipients": len(addresses),
        },
    )
    return True


@dataclass
class ReminderRun:
    sent: list[Reminder] = field(default_factory=list)
    unaddressed: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, Exception]] = field(default_factory=list)


def send_deadline_reminders(days_before=None):
    """Send every reminder owed today and not yet sent."""
    policy = policy_from_settings()
    calendar = load_calendar()
    today = today_local(policy)
    days_before = reminder_working_days() if days_before is None else days_before
    counted, _skipped = calendar.walk(today, days_before)
    horizon = counted[-1] if counted else today
    candidates = (
        InformationRequest.objects.due_on_or_before(horizon)
        .select_related("agency")
        .order_by("due_on", "pk")
    )
    objections = (
        Objection.objects.due_on_or_before(horizon)
        .select_related("request")
        .order_by("response_due_on", "pk")
    )
    owed = [
        *(
            reminder
            for request in candidates
            for reminder in reminders_owed(request, today, calendar, days_before)
        ),
        *(
            reminder
            for objection in objections
            for reminder in objection_reminders_owed(objection, today, calendar, days_before)
        ),
    ]
    run = ReminderRun()
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for reminder in owed:
            addresses = recipients(reminder)
            if not addresses:
                run.unaddressed.append(reminder)
                continue
            try:
                if send_once(reminder, addresses, today, calendar, policy, connection):
                    run.sent.append(reminder)
            except (SMTPException, OSError) as error:
                logger.exception("Reminder %s for %s failed", reminder.kind, reminder.request)
                run.failed.append((reminder, error))
    return run
