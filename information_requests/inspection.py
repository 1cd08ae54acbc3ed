"""What staff see about one request: its fields by section, how each deadline was counted (days
skipped and why), and the full timeline, internal events included; and an objection's timeline."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from information_requests.choices import (
    PUBLIC_EVENT_KINDS,
    PUBLIC_OBJECTION_EVENT_KINDS,
    AttachmentKind,
    EventKind,
    ObjectionDecision,
    ObjectionEventKind,
    Outcome,
)
from information_requests.deadlines import (
    END_OF_DAY,
    describe_day,
    effective_receipt,
    extended_deadline,
    extension_refusal,
    notice_deadline,
)
from information_requests.objection_states import DISPUTE_MILESTONES
from information_requests.reminders import RecipientRole, ReminderKind

REQUEST_SECTIONS = (
    (
        "requester",
        _("Requester"),
        (
            "requester_type",
            "full_name",
            "nik",
            "legal_entity_decree",
            "address",
            "phone",
            "email",
            "occupation",
        ),
    ),
    (
        "information",
        _("Information requested"),
        ("information_requested", "purpose", "obtain_method", "delivery_method"),
    ),
    (
        "progress",
        _("Progress"),
        (
            "status",
            "agency",
            "submitted_at",
            "received_on",
            "outcome",
            "answered_at",
            "delivered_at",
            "closed_at",
        ),
    ),
)


@dataclass(frozen=True)
class DeadlineSection:
    heading: str
    due_on: date
    lines: list[str]
    # Set when today's calendar gives another date than the one recorded (and told).
    calendar_note: str = ""
    reason: str = ""


def calendar_note(recorded, computed):
    if recorded == computed:
        return ""
    return _(
        "Today's calendar gives %(day)s; the recorded date is the one told to the requester."
    ) % {"day": describe_day(computed)}


def deadline_sections(request, calendar, policy):
    """The receipt, the notice deadline and the extension, each explained day by day."""
    receipt = effective_receipt(request.submitted_at, calendar, policy)
    notice = notice_deadline(request.received_on, calendar, policy)
    sections = [
        DeadlineSection(
            _("Received"),
            request.received_on,
            receipt.explain(),
            calendar_note(request.received_on, receipt.received_on),
        ),
        DeadlineSection(
            _("Written notice due (%(days)s working days)") % {"days": policy.notice_days},
            request.notice_due_on,
            notice.explain(),
            calendar_note(request.notice_due_on, notice.due_on),
        ),
    ]
    if request.extended_due_on:
        extended = extended_deadline(request.notice_due_on, calendar, policy)
        sections.append(
            DeadlineSection(
                _("Extended notice due (%(days)s more working days)")
                % {"days": policy.extension_days},
                request.extended_due_on,
                extended.explain(),
                calendar_note(request.extended_due_on, extended.due_on),
                reason=request.extension_reason,
            )
        )
    return sections


def extension_refusal_now(request, policy):
    """Why the notice period cannot be extended any more (already extended, or too late), so the
    page says so instead of offering a form that can only fail. The reason is asked by the form."""
    refusal = extension_refusal(
        notice_due_at=datetime.combine(request.notice_due_on, END_OF_DAY, policy.tzinfo),
        reason="(asked by the form)",
        already_extended=request.extended_due_on is not None,
    )
    return str(refusal) if refusal else ""


# --- The timeline -----------------------------------------------------------------------------


def _day(value):
    try:
        return date_format(date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return value or "?"


def _label(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value


DEADLINE_LABELS = {
    "notice_due_on": _("Written notice deadline"),
    "extended_due_on": _("Extended deadline"),
}


def _submitted(data):
    return [
        _("Received on %(day)s") % {"day": _day(data.get("received_on"))},
        _("Written notice due by %(day)s") % {"day": _day(data.get("notice_due_on"))},
    ]


def _assigned(data):
    return [_("Agency: %(agency)s") % {"agency": data.get("agency_name", "?")}]


def _extended(data):
    return [_("New deadline: %(day)s") % {"day": _day(data.get("extended_due_on"))}]


def _answered(data):
    return [_("Decision: %(outcome)s") % {"outcome": _label(Outcome, data.get("outcome"))}]


def _recomputed(data):
    return [
        _("%(deadline)s: %(before)s → %(after)s")
        % {"deadline": label, "before": _day(data[field]["from"]), "after": _day(data[field]["to"])}
        for field, label in DEADLINE_LABELS.items()
        if field in data
    ]


def _reminder(data):
    return [
        _("%(reminder)s, to %(recipients)s (%(count)s), for the deadline of %(day)s")
        % {
            "reminder": _label(ReminderKind, data.get("reminder")),
            "recipients": _label(RecipientRole, data.get("recipient_role")),
            "count": data.get("recipients", "?"),
            "day": _day(data.get("due_on")),
        }
    ]


def _document_opened(data):
    return [
        _("Document: %(kind)s (no. %(id)s)")
        % {
            "kind": _label(AttachmentKind, data.get("attachment_kind")),
            "id": data.get("attachment", "?"),
        }
    ]


EVENT_DETAILS = {
    EventKind.SUBMITTED: _submitted,
    EventKind.ASSIGNED: _assigned,
    EventKind.EXTENDED: _extended,
    EventKind.ANSWERED: _answered,
    EventKind.DEADLINE_RECOMPUTED: _recomputed,
    EventKind.REMINDER_SENT: _reminder,
    EventKind.IDENTITY_DOCUMENT_OPENED: _document_opened,
}


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a request or an objection as staff see it; `internal` ones the requester
    does not see on the tracking page."""

    event: object
    details: list[str]
    internal: bool


def describe_event(event):
    """The event's data as sentences for people, e.g. 'Agency: Dinas Kesehatan'."""
    describe = EVENT_DETAILS.get(event.kind)
    return describe(event.data or {}) if describe else []


def timeline(request):
    events = request.events.select_related("actor").order_by("created_at", "pk")
    return [
        TimelineEntry(event, describe_event(event), event.kind not in PUBLIC_EVENT_KINDS)
        for event in events
    ]


def describe_objection_event(event):
    data = event.data or {}
    if event.kind == ObjectionEventKind.ANSWERED:
        decision = _label(ObjectionDecision, data.get("decision"))
        return [_("Decision: %(outcome)s") % {"outcome": decision}]
    if event.kind in DISPUTE_MILESTONES:
        return [_("On %(day)s.") % {"day": _day(data.get("happened_on"))}]
    return []


def objection_timeline(objection):
    events = objection.events.select_related("actor").order_by("created_at", "pk")
    return [
        TimelineEntry(
            event, describe_objection_event(event), event.kind not in PUBLIC_OBJECTION_EVENT_KINDS
        )
        for event in events
    ]
