"""Which objection grounds fit a request's history, and until when each may be filed (kip-rules
§4). Pure Python over plain dates: the form, the workflow and the tracking page all ask here.

Each ground's 30-working-day window starts (policy) on:
- a, d, e, f: the requester's receipt of the written notice, read as the day the notice was issued
  (it is e-mailed that day and downloadable from the tracking page at once);
- c, g: the day after the notice limit (the extended one if the notice was extended) lapsed;
- b: the date the requester states the periodic information should have been published.

An objection is in time when it is submitted before the end (23:59:59 WIB) of the window's last
working day; every ground chosen must be in time.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from information_requests.calendar import WorkingCalendar
from information_requests.choices import Outcome
from information_requests.deadlines import (
    DeadlineError,
    DeadlinePolicy,
    ObjectionGround,
    WorkingDaysResult,
    objection_filing_window,
    to_local,
)


@dataclass(frozen=True)
class RequestHistory:
    """What the grounds depend on, read off a request (`history_of`)."""

    notice_limit_on: date  # the current notice deadline, extended or not
    notice_issued_on: date | None = None
    outcome: str = ""
    cost: int = 0
    withdrawn: bool = False


def history_of(request, policy):
    notice = getattr(request, "notice", None) if request.answered_at else None
    return RequestHistory(
        notice_limit_on=request.current_due_on,
        notice_issued_on=to_local(notice.issued_at, policy).date() if notice else None,
        outcome=notice.outcome if notice else "",
        cost=notice.cost if notice else 0,
        withdrawn=request.was_withdrawn,
    )


def grounds_that_fit(history: RequestHistory, today: date) -> list[ObjectionGround]:
    """The grounds the request's history supports today, in the statute's order."""
    if history.withdrawn:
        return []
    answered = history.notice_issued_on is not None
    fits = {
        ObjectionGround.REJECTED_EXEMPT: history.outcome == Outcome.REJECTED,
        # The periodic information is the body's duty whatever became of this request.
        ObjectionGround.PERIODIC_NOT_PUBLISHED: True,
        ObjectionGround.NOT_ANSWERED: not answered and today > history.notice_limit_on,
        ObjectionGround.NOT_AS_REQUESTED: answered,
        ObjectionGround.NOT_FULFILLED: answered,
        ObjectionGround.UNREASONABLE_COST: answered and history.cost > 0,
        ObjectionGround.LATE: answered and history.notice_issued_on > history.notice_limit_on,
    }
    return [ground for ground, fit in fits.items() if fit]


@dataclass(frozen=True)
class FilingWindow:
    """One ground's filing window, with the plain-words account of how it was counted."""

    ground: ObjectionGround
    count: WorkingDaysResult
    history: RequestHistory

    @property
    def due_on(self):
        return self.count.due_on

    def is_open(self, at: datetime) -> bool:
        return at <= self.count.due_at

    def explanation(self) -> str:
        start = format_day(self.count.start_on)
        if self.ground in (ObjectionGround.NOT_ANSWERED, ObjectionGround.LATE):
            origin = _(
                "The written notice was due by the end of %(limit)s, so this ground arose on the "
                "next day, %(start)s."
            ) % {"limit": format_day(self.history.notice_limit_on), "start": start}
        elif self.ground == ObjectionGround.PERIODIC_NOT_PUBLISHED:
            origin = _(
                "You stated that the information should have been published by %(start)s."
            ) % {"start": start}
        else:
            origin = _(
                "The written notice was issued, and counts as received by you, on %(start)s."
            ) % {"start": start}
        limit = ngettext(
            "%(count)d working day counted from that day ends at the end of %(due)s.",
            "%(count)d working days counted from that day end at the end of %(due)s.",
            self.count.working_days,
        ) % {"count": self.count.working_days, "due": format_day(self.due_on)}
        return f"{origin} {limit}"


def format_day(day):
    return date_format(day, "l, j F Y")


def filing_window(ground, history, calendar, policy, stated_on=None) -> FilingWindow:
    count = objection_filing_window(
        ground,
        calendar,
        policy,
        notice_received_on=history.notice_issued_on,
        notice_limit_on=history.notice_limit_on,
        stated_on=stated_on,
    )
    return FilingWindow(ObjectionGround(ground), count, history)


class ObjectionRefused(DeadlineError):
    """The objection cannot be filed as asked; `reasons` say why, per ground."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


def check_filing(
    grounds,
    history: RequestHistory,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    at: datetime,
    stated_on: date | None = None,
) -> list[FilingWindow]:
    """The windows of the chosen grounds if each fits and is still open at `at`; otherwise raise
    `ObjectionRefused` with every reason (a ground that does not fit, a window that has closed)."""
    today = to_local(at, policy).date()
    fitting = grounds_that_fit(history, today)
    chosen = [ObjectionGround(ground) for ground in dict.fromkeys(grounds)]
    if not chosen:
        raise ObjectionRefused([_("Choose at least one ground for the objection.")])
    reasons, windows = [], []
    for ground in chosen:
        if ground not in fitting:
            reasons.append(
                _("“%(ground)s” does not fit what has happened to this request so far.")
                % {"ground": ground.label}
            )
            continue
        if ground == ObjectionGround.PERIODIC_NOT_PUBLISHED and (
            stated_on is None or stated_on > today
        ):
            reasons.append(
                _(
                    "For “%(ground)s”, give the date (not in the future) by which it should have "
                    "been published."
                )
                % {"ground": ground.label}
            )
            continue
        window = filing_window(ground, history, calendar, policy, stated_on)
        if not window.is_open(at):
            reasons.append(
                _("“%(ground)s”: the time to object has passed. %(explanation)s")
                % {"ground": ground.label, "explanation": window.explanation()}
            )
            continue
        windows.append(window)
    if reasons:
        raise ObjectionRefused(reasons)
    return windows


def open_windows(history, calendar, policy, at) -> tuple[list[FilingWindow], list[FilingWindow]]:
    """The grounds that fit, split into those still open at `at` and those closed, for the
    tracking page. Ground b is left out: its window depends on the date the requester states."""
    today = to_local(at, policy).date()
    open_, closed = [], []
    for ground in grounds_that_fit(history, today):
        if ground == ObjectionGround.PERIODIC_NOT_PUBLISHED:
            continue
        window = filing_window(ground, history, calendar, policy)
        (open_ if window.is_open(at) else closed).append(window)
    return open_, closed
