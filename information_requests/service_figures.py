"""The figures of the yearly public-information service report (UU 14/2008 Pasal 12, Perki
1/2021; kip-rules §6) and of the public statistics page.

`compute_figures` is pure: plain records of a year's requests, objections and satisfaction
ratings in, figures out, so the arithmetic is tested directly. `load_figures` reads those records
from the database in a fixed number of queries (the requests with their notices, the objections,
the dispute milestones of their event log, the ratings, the calendar), whatever the year's volume.

Response time is the number of working days from the effective receipt of a request to its
written notice (the statutory clock, UU 22(7)); the 90th percentile is the nearest-rank one: the
smallest number of working days within which at least 90% of the notices were given.
"""

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from information_requests.calendar import WorkingCalendar, load_calendar
from information_requests.choices import GRANTED, Outcome
from information_requests.deadlines import ObjectionGround, policy_from_settings, to_local
from information_requests.models import (
    InformationRequest,
    Objection,
    ObjectionEvent,
    SatisfactionResponse,
)
from information_requests.objection_states import (
    DISPUTE_MILESTONES,
    ObjectionAction,
    ObjectionStatus,
)
from information_requests.satisfaction import ELEMENT_FIELDS, Rating, YearIndexes, year_indexes
from information_requests.states import OPEN, Status
from ppid_docs.choices import ExemptionGround

# Working days to the notice, in the bands the law draws: within the 10 days, within the 7-day
# extension, and later.
RESPONSE_BANDS = (
    (0, 5, _("0–5 working days")),
    (6, 10, _("6–10 working days")),
    (11, 17, _("11–17 working days (extension)")),
    (18, None, _("More than 17 working days")),
)
# Only an unanswered request closes unanswered: it was withdrawn first.
WITHDRAWN = (Status.WITHDRAWN, Status.CLOSED)


@dataclass(frozen=True)
class RequestRecord:
    received_on: date
    agency: str  # empty while no agency has it
    status: str
    outcome: str = ""
    exemption_ground: str = ""
    answered_on: date | None = None
    due_on: date | None = None  # the deadline in force, extended or not


@dataclass(frozen=True)
class ObjectionRecord:
    received_on: date
    grounds: tuple[str, ...]
    status: str
    decision: str = ""
    milestones: frozenset[str] = frozenset()  # the dispute milestones recorded


@dataclass(frozen=True)
class ResponseTimes:
    """Working days to the written notice of the answered requests."""

    count: int
    mean: float | None
    median: float | None
    percentile_90: int | None
    longest: int | None
    bands: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, days):
        days = sorted(days)
        bands = tuple(
            (str(label), sum(1 for d in days if d >= low and (high is None or d <= high)))
            for low, high, label in RESPONSE_BANDS
        )
        if not days:
            return cls(0, None, None, None, None, bands)
        return cls(
            count=len(days),
            mean=round(statistics.fmean(days), 1),
            median=statistics.median(days),
            percentile_90=nearest_rank(days, 0.9),
            longest=days[-1],
            bands=bands,
        )


def nearest_rank(sorted_values, fraction):
    """The smallest value with at least `fraction` of the values at or below it."""
    return sorted_values[max(math.ceil(fraction * len(sorted_values)), 1) - 1]


@dataclass(frozen=True)
class AgencyFigures:
    name: str
    received: int
    answered: int
    answered_on_time: int
    granted: int
    rejected: int

    @property
    def on_time_percent(self):
        return round(self.answered_on_time / self.answered * 100) if self.answered else None


@dataclass(frozen=True)
class ObjectionFigures:
    filed: int
    by_ground: tuple[tuple[str, int], ...]
    upheld: int
    overturned: int
    withdrawn: int
    waiting: int
    not_answered_in_time: int
    disputes: int
    disputes_decided: int
    court_cases: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    received: int
    by_outcome: tuple[tuple[str, int], ...]
    granted: int  # in full or in part
    rejected: int
    withdrawn: int
    still_open: int
    answered: int
    answered_on_time: int
    rejection_grounds: tuple[tuple[str, int], ...]
    by_month: tuple[int, ...]  # January to December
    by_agency: tuple[AgencyFigures, ...]
    response_times: ResponseTimes
    objections: ObjectionFigures
    satisfaction: YearIndexes  # the survey's index of the ratings given in the year

    @property
    def on_time_percent(self):
        return round(self.answered_on_time / self.answered * 100) if self.answered else None


def compute_figures(
    year, requests, objections, calendar: WorkingCalendar, ratings=()
) -> YearFigures:
    """The year's figures from its requests and objections (received that year) and the
    satisfaction ratings given that year."""
    requests = list(requests)
    answered = [r for r in requests if r.answered_on is not None]
    outcomes = Counter(r.outcome for r in answered)
    grounds = Counter(r.exemption_ground for r in answered if r.outcome == Outcome.REJECTED)
    months = Counter(r.received_on.month for r in requests)
    days = [calendar.working_days_between(r.received_on, r.answered_on) for r in answered]
    return YearFigures(
        year=year,
        received=len(requests),
        by_outcome=tuple((str(o.label), outcomes[o]) for o in Outcome),
        granted=sum(outcomes[o] for o in GRANTED),
        rejected=outcomes[Outcome.REJECTED],
        withdrawn=sum(1 for r in requests if r.answered_on is None and r.status in WITHDRAWN),
        still_open=sum(1 for r in requests if r.status in OPEN),
        answered=len(answered),
        answered_on_time=sum(1 for r in answered if on_time(r)),
        rejection_grounds=tuple((str(g.label), grounds[g]) for g in ExemptionGround if grounds[g]),
        by_month=tuple(months[month] for month in range(1, 13)),
        by_agency=agency_figures(requests),
        response_times=ResponseTimes.of(days),
        objections=objection_figures(list(objections)),
        satisfaction=year_indexes(ratings),
    )


def on_time(record):
    return record.answered_on <= record.due_on


def agency_figures(requests):
    by_name = {}
    for record in requests:
        by_name.setdefault(record.agency, []).append(record)
    rows = []
    for name, records in by_name.items():
        answered = [r for r in records if r.answered_on is not None]
        rows.append(
            AgencyFigures(
                name=name or str(_("Not assigned to an agency")),
                received=len(records),
                answered=len(answered),
                answered_on_time=sum(1 for r in answered if on_time(r)),
                granted=sum(1 for r in answered if r.outcome in GRANTED),
                rejected=sum(1 for r in answered if r.outcome == Outcome.REJECTED),
            )
        )
    # Assigned agencies by name; requests nobody has taken on yet last.
    return tuple(sorted(rows, key=lambda row: (row.name not in by_name, row.name)))


def objection_figures(objections):
    grounds = Counter(ground for objection in objections for ground in objection.grounds)
    decisions = Counter(objection.decision for objection in objections)

    def count(condition):
        return sum(1 for objection in objections if condition(objection))

    return ObjectionFigures(
        filed=len(objections),
        by_ground=tuple((str(g.label), grounds[g]) for g in ObjectionGround if grounds[g]),
        upheld=decisions["upheld"],
        overturned=decisions["overturned"],
        withdrawn=count(lambda o: o.status == ObjectionStatus.WITHDRAWN),
        waiting=count(lambda o: o.status == ObjectionStatus.RECEIVED),
        not_answered_in_time=count(
            lambda o: not o.decision and ObjectionAction.DISPUTE_FILED in o.milestones
        ),
        disputes=count(lambda o: ObjectionAction.DISPUTE_FILED in o.milestones),
        disputes_decided=count(lambda o: ObjectionAction.DISPUTE_DECISION in o.milestones),
        court_cases=count(lambda o: ObjectionAction.COURT_CASE in o.milestones),
    )


def merge_small_agencies(rows, minimum):
    """Agencies with fewer than `minimum` requests pooled into one row, so that a published
    breakdown never narrows down to one or two requesters."""
    shown = [row for row in rows if row.received >= minimum]
    small = [row for row in rows if row.received < minimum]
    if small:
        shown.append(
            AgencyFigures(
                name=str(
                    _("Other agencies (fewer than %(minimum)d requests each)")
                    % {"minimum": minimum}
                ),
                received=sum(row.received for row in small),
                answered=sum(row.answered for row in small),
                answered_on_time=sum(row.answered_on_time for row in small),
                granted=sum(row.granted for row in small),
                rejected=sum(row.rejected for row in small),
            )
        )
    return tuple(shown)


# --- From the database ------------------------------------------------------------------------


def load_figures(year, calendar=None):
    """The figures of `year` from the requests and objections received in it."""
    calendar = calendar or load_calendar()
    policy = policy_from_settings()
    requests = [
        RequestRecord(
            received_on=row["received_on"],
            agency=row["agency__name"] or "",
            status=row["status"],
            outcome=row["outcome"],
            exemption_ground=row["notice__exemption_ground"] or "",
            answered_on=to_local(row["answered_at"], policy).date() if row["answered_at"] else None,
            due_on=row["extended_due_on"] or row["notice_due_on"],
        )
        for row in InformationRequest.objects.filter(received_on__year=year)
        .order_by()
        .values(
            "received_on",
            "agency__name",
            "status",
            "outcome",
            "notice__exemption_ground",
            "answered_at",
            "notice_due_on",
            "extended_due_on",
        )
    ]
    objections = Objection.objects.filter(received_on__year=year).order_by()
    milestones = {}
    for objection_id, kind in ObjectionEvent.objects.filter(
        objection__in=objections, kind__in=DISPUTE_MILESTONES
    ).values_list("objection_id", "kind"):
        milestones.setdefault(objection_id, set()).add(kind)
    objection_records = [
        ObjectionRecord(
            received_on=row["received_on"],
            grounds=tuple(row["grounds"]),
            status=row["status"],
            decision=row["decision"],
            milestones=frozenset(milestones.get(row["pk"], ())),
        )
        for row in objections.values("pk", "received_on", "grounds", "status", "decision")
    ]
    ratings = load_ratings(year, policy)
    return compute_figures(year, requests, objection_records, calendar, ratings)


def load_ratings(year, policy):
    """The satisfaction ratings given in `year` (WIB)."""
    start = datetime(year, 1, 1, tzinfo=policy.tzinfo)
    rows = (
        SatisfactionResponse.objects.filter(
            submitted_at__gte=start, submitted_at__lt=start.replace(year=year + 1)
        )
        .order_by()
        .values_list("submitted_at", *ELEMENT_FIELDS)
    )
    return [Rating(to_local(at, policy).date(), tuple(scores)) for at, *scores in rows]
