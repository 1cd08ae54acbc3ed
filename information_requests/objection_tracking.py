"""What the requester reads about their objections on the tracking pages: the grounds they may
still use, each objection's public timeline. Only reads; nothing personal beyond the request's."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from information_requests.calendar import load_calendar
from information_requests.choices import (
    PUBLIC_OBJECTION_EVENT_KINDS,
    ObjectionDecision,
    ObjectionEventKind,
)
from information_requests.deadlines import (
    ObjectionGround,
    policy_from_settings,
    to_local,
)
from information_requests.objection_rules import grounds_that_fit, history_of, open_windows
from information_requests.objection_states import DISPUTE_MILESTONES
from information_requests.tracking import TimelineEntry


@dataclass(frozen=True)
class FilingOptions:
    """What the requester may object to now, and the windows already closed (with why)."""

    grounds: list = field(default_factory=list)
    closed: list = field(default_factory=list)
    waiting: object = None  # an objection still waiting for the Atasan's answer

    @property
    def may_file(self):
        return bool(self.grounds) and self.waiting is None


def filing_options(request, *, objections=None, calendar=None, now=None):
    """The grounds offered on the form: those that fit, minus those whose window has closed.
    Ground b stays: its window depends on a date the requester gives on the form.
    `objections`: the request's objections if the caller has them already."""
    policy = policy_from_settings()
    now = now or timezone.now()
    calendar = calendar or load_calendar()
    if objections is None:
        objections = request.objections.all()
    history = history_of(request, policy)
    open_, closed = open_windows(history, calendar, policy, now)
    offered = {window.ground for window in open_}
    fitting = grounds_that_fit(history, to_local(now, policy).date())
    if ObjectionGround.PERIODIC_NOT_PUBLISHED in fitting:
        offered.add(ObjectionGround.PERIODIC_NOT_PUBLISHED)
    return FilingOptions(
        grounds=[ground for ground in fitting if ground in offered],
        closed=closed,
        waiting=next((objection for objection in objections if objection.is_open), None),
    )


def find_objection(request, slug):
    for objection in request.objections.all():
        if objection.number_slug.lower() == (slug or "").lower():
            return objection
    return None


def _day(value):
    try:
        return date_format(date.fromisoformat(value), "l, j F Y")
    except (TypeError, ValueError):
        return ""


def timeline(objection):
    """The objection's public events, oldest first."""
    entries = []
    events = objection.events.filter(kind__in=PUBLIC_OBJECTION_EVENT_KINDS)
    for event in events.order_by("created_at", "pk"):
        detail = ""
        if event.kind == ObjectionEventKind.ANSWERED:
            detail = ObjectionDecision(event.data.get("decision")).label
        elif event.kind in DISPUTE_MILESTONES:
            detail = _("On %(day)s.") % {"day": _day(event.data.get("happened_on"))}
            detail = f"{detail} {event.note}".strip()
        entries.append(TimelineEntry(event.created_at, event.get_kind_display(), detail))
    return entries
