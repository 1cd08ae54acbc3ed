"""The statutory clocks of UU 14/2008 as pure functions over a working calendar (docs/deadlines.md).

Dates in, dates out: the web layer stores what these return and derives "overdue" from them.
Counting: the effective day of receipt is day 0; a limit of N working days ends at 23:59:59 WIB on
the Nth working day after it.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from information_requests.calendar import NonWorkingDay, WorkingCalendar

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class DeadlinePolicy:
    """The limits and conventions the clocks follow; override any of them in
    `settings.PPID_DEADLINE_POLICY`. Defaults are the law's limits and the spec's policies."""

    # Written notice after receipt of a request (UU 22(7)).
    notice_days: int = 10
    # The one extension of the notice, counted from the end of the notice period (UU 22(8)).
    extension_days: int = 7
    # The requester's window to file an objection from the day its ground arises (UU 35-36(1)).
    objection_filing_days: int = 30
    # The Atasan PPID's answer to an objection after its receipt (UU 36(2)).
    objection_response_days: int = 30
    # The requester's window to take a dispute to the Komisi Informasi (UU 37(2)).
    dispute_days: int = 14
    # Submissions after this time (local) are received on the next working day.
    closing_time: time = time(16, 0)
    # Local time of the service desk; naive timestamps are read in it.
    time_zone: str = "Asia/Jakarta"
    # Off: the clock runs while a request waits to be completed (the law's reading).
    pause_while_incomplete: bool = False

    def __post_init__(self):
        if isinstance(self.closing_time, str):
            object.__setattr__(self, "closing_time", time.fromisoformat(self.closing_time))
        for name in (
            "notice_days",
            "extension_days",
            "objection_filing_days",
            "objection_response_days",
            "dispute_days",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative whole number, not {value!r}.")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"Unknown time zone {self.time_zone!r}.") from error

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)  # ZoneInfo caches instances by key


DEFAULT_POLICY = DeadlinePolicy()
POLICY_SETTINGS = frozenset(field.name for field in fields(DeadlinePolicy))


def policy_from_settings() -> DeadlinePolicy:
    """The defaults with the overrides of `settings.PPID_DEADLINE_POLICY` (a dict) applied."""
    overrides = getattr(settings, "PPID_DEADLINE_POLICY", None) or {}
    unknown = sorted(set(overrides) - POLICY_SETTINGS)
    if unknown:
        raise ImproperlyConfigured(
            f"PPID_DEADLINE_POLICY has unknown keys {unknown}; known: {sorted(POLICY_SETTINGS)}."
        )
    try:
        return DeadlinePolicy(**overrides)
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"PPID_DEADLINE_POLICY is invalid: {error}") from error


def to_local(moment: datetime, policy: DeadlinePolicy = DEFAULT_POLICY) -> datetime:
    """`moment` in the desk's time zone; a naive `moment` is taken to be local already."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=policy.tzinfo)
    return moment.astimezone(policy.tzinfo)


def today_local(policy: DeadlinePolicy = DEFAULT_POLICY) -> date:
    return timezone.now().astimezone(policy.tzinfo).date()


def describe_day(day: date) -> str:
    return f"{day.isoformat()} ({WEEKDAYS[day.weekday()]})"


# --- Counting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingDaysResult:
    """A limit counted on the calendar, with the days it counted and skipped."""

    start_on: date
    working_days: int
    due_on: date
    due_at: datetime
    counted_days: tuple[date, ...]
    skipped_days: tuple[NonWorkingDay, ...]

    def explain(self) -> list[str]:
        """One line per day from the start to the due date: counted as day k, or skipped and why."""
        lines = [str(_("%(day)s: day 0") % {"day": describe_day(self.start_on)})]
        entries = [(day, number) for number, day in enumerate(self.counted_days, start=1)]
        entries += [(skipped.date, skipped) for skipped in self.skipped_days]
        for day, what in sorted(entries, key=lambda entry: entry[0]):
            if isinstance(what, NonWorkingDay):
                line = _("%(day)s: not counted, %(reason)s")
                lines.append(str(line % {"day": describe_day(day), "reason": what.label}))
            else:
                line = _("%(day)s: working day %(number)s")
                lines.append(str(line % {"day": describe_day(day), "number": what}))
        return lines


def add_working_days(
    start: date, n: int, calendar: WorkingCalendar, *, time_zone: ZoneInfo | None = None
) -> WorkingDaysResult:
    """The limit of `n` working days counted from `start` (day 0) on `calendar`."""
    counted, skipped = calendar.walk(start, n)
    due_on = counted[-1] if counted else start
    return WorkingDaysResult(
        start_on=start,
        working_days=n,
        due_on=due_on,
        due_at=datetime.combine(due_on, END_OF_DAY, tzinfo=time_zone or DEFAULT_POLICY.tzinfo),
        counted_days=counted,
        skipped_days=skipped,
    )


# --- Receipt and the written notice -----------------------------------------------------------


@dataclass(frozen=True)
class EffectiveReceipt:
    """When a submission counts as received, beside when it really arrived."""

    submitted_at: datetime  # aware, as submitted; kept and shown beside the effective day
    submitted_local: datetime
    received_on: date
    after_closing_time: bool
    closing_time: time
    skipped_days: tuple[NonWorkingDay, ...]

    @property
    def moved(self) -> bool:
        return self.received_on != self.submitted_local.date()

    def explain(self) -> list[str]:
        moment = f"{self.submitted_local.isoformat()} ({WEEKDAYS[self.submitted_local.weekday()]})"
        lines = [str(_("Submitted %(moment)s") % {"moment": moment})]
        if self.after_closing_time:
            closing = self.closing_time.strftime("%H:%M")
            lines.append(str(_("after the service desk closed at %(time)s") % {"time": closing}))
        lines += [
            str(
                _("%(day)s: not a working day, %(reason)s")
                % {"day": describe_day(skipped.date), "reason": skipped.label}
            )
            for skipped in self.skipped_days
        ]
        lines.append(str(_("Received on %(day)s") % {"day": describe_day(self.received_on)}))
        return lines


def effective_receipt(
    submitted_at: datetime, calendar: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_POLICY
) -> EffectiveReceipt:
    """A submission on a non-working day or after closing time is received the next working day."""
    local = to_local(submitted_at, policy)
    day = local.date()
    after_closing_time = local.time() > policy.closing_time
    received_on = day
    if after_closing_time or not calendar.is_working_day(day):
        received_on = calendar.next_working_day(day)
    return EffectiveReceipt(
        submitted_at=submitted_at if timezone.is_aware(submitted_at) else local,
        submitted_local=local,
        received_on=received_on,
        after_closing_time=after_closing_time,
        closing_time=policy.closing_time,
        skipped_days=calendar.non_working_days(day, received_on),
    )


def notice_deadline(
    received_on: date,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    *,
    paused_working_days: int = 0,
) -> WorkingDaysResult:
    """The written notice is due `notice_days` working days after the effective receipt.

    `paused_working_days` (working days spent waiting for the requester to complete the request)
    lengthens the limit only when the pause-while-incomplete policy is on.
    """
    pause = paused_working_days if policy.pause_while_incomplete else 0
    return add_working_days(
        received_on, policy.notice_days + pause, calendar, time_zone=policy.tzinfo
    )


def extended_deadline(
    notice_due_on: date, calendar: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_POLICY
) -> WorkingDaysResult:
    """The one extension runs `extension_days` working days from the end of the notice period."""
    return add_working_days(notice_due_on, policy.extension_days, calendar, time_zone=policy.tzinfo)


class DeadlineError(Exception):
    """A clock rule refuses what was asked; the message is for the member of staff."""


class ExtensionRefused(DeadlineError):
    class Code(models.TextChoices):
        ALREADY_EXTENDED = (
            "already_extended",
            _("The notice period has already been extended once."),
        )
        DEADLINE_PASSED = (
            "deadline_passed",
            _("The notice deadline has passed: the request is overdue, too late to extend."),
        )
        REASON_REQUIRED = "reason_required", _("An extension needs a written reason.")

    def __init__(self, code: "ExtensionRefused.Code"):
        self.code = code
        super().__init__(str(code.label))


def extension_refusal(
    *, notice_due_at: datetime, reason: str, already_extended: bool, now: datetime | None = None
) -> ExtensionRefused | None:
    """Why the notice period cannot be extended now, or None when it can (UU 22(8) + policy)."""
    now = now or timezone.now()
    if already_extended:
        return ExtensionRefused(ExtensionRefused.Code.ALREADY_EXTENDED)
    if now > notice_due_at:
        return ExtensionRefused(ExtensionRefused.Code.DEADLINE_PASSED)
    if not (reason or "").strip():
        return ExtensionRefused(ExtensionRefused.Code.REASON_REQUIRED)
    return None


def check_extension(
    *, notice_due_at: datetime, reason: str, already_extended: bool, now: datetime | None = None
) -> None:
    """Raise `ExtensionRefused` unless the notice period may be extended now."""
    refusal = extension_refusal(
        notice_due_at=notice_due_at, reason=reason, already_extended=already_extended, now=now
    )
    if refusal:
        raise refusal


# --- Objections and disputes ------------------------------------------------------------------


class ObjectionGround(models.TextChoices):
    """The grounds of UU 35(1), by the statute's letters."""

    REJECTED_EXEMPT = "a", _("a. Rejected as exempt (Pasal 17)")
    PERIODIC_NOT_PUBLISHED = "b", _("b. Periodic information not published (Pasal 9)")
    NOT_ANSWERED = "c", _("c. Request not answered")
    NOT_AS_REQUESTED = "d", _("d. Answered not as requested")
    NOT_FULFILLED = "e", _("e. Request not fulfilled")
    UNREASONABLE_COST = "f", _("f. Unreasonable cost")
    LATE = "g", _("g. Delivered later than the law allows")


FROM_NOTICE_RECEIPT = frozenset("adef")
FROM_NOTICE_LAPSE = frozenset("cg")


def objection_filing_start(
    ground: str,
    *,
    notice_received_on: date | None = None,
    notice_limit_on: date | None = None,
    stated_on: date | None = None,
) -> date:
    """The day the ground arises (day 0 of the filing window), per ground (spec §4, policy).

    a, d, e, f: the requester's receipt of the notice. c, g: the day after the notice limit
    (`notice_limit_on`: the extended one if the notice was extended) lapsed. b: the date the
    requester states.
    """
    ground = ObjectionGround(ground)
    if ground in FROM_NOTICE_RECEIPT:
        start, needed = notice_received_on, "notice_received_on"
    elif ground in FROM_NOTICE_LAPSE:
        start = notice_limit_on + timedelta(days=1) if notice_limit_on else None
        needed = "notice_limit_on"
    else:
        start, needed = stated_on, "stated_on"
    if start is None:
        raise ValueError(f"Objection ground {ground.value} needs {needed}.")
    return start


def objection_filing_window(
    ground: str,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    **dates: date | None,
) -> WorkingDaysResult:
    """The last day the requester may object on `ground`; dates as in `objection_filing_start`."""
    start = objection_filing_start(ground, **dates)
    return add_working_days(start, policy.objection_filing_days, calendar, time_zone=policy.tzinfo)


def objection_response_deadline(
    objection_received_on: date, calendar: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_POLICY
) -> WorkingDaysResult:
    """The Atasan PPID answers within `objection_response_days` of the objection's receipt.

    `objection_received_on` is the objection's effective receipt (see `effective_receipt`).
    """
    return add_working_days(
        objection_received_on, policy.objection_response_days, calendar, time_zone=policy.tzinfo
    )


def dispute_window(
    calendar: WorkingCalendar,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    *,
    answer_received_on: date | None = None,
    response_due_on: date | None = None,
) -> WorkingDaysResult:
    """The last day to take the dispute to the Komisi Informasi (UU 37(2)).

    From the requester's receipt of the Atasan's answer or, with no answer, from the day after the
    Atasan's limit (`response_due_on`) lapsed, read as for objection grounds c and g.
    """
    if (answer_received_on is None) == (response_due_on is None):
        raise ValueError("Give exactly one of answer_received_on and response_due_on.")
    start = answer_received_on or response_due_on + timedelta(days=1)
    return add_working_days(start, policy.dispute_days, calendar, time_zone=policy.tzinfo)


# --- Calendar changes -------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineChange:
    """A deadline recomputed on a new calendar; what the timeline entry records."""

    previous_due_on: date
    due_on: date
    recomputed: WorkingDaysResult  # what the new calendar alone gives

    @property
    def changed(self) -> bool:
        return self.due_on != self.previous_due_on

    @property
    def held(self) -> bool:
        """The new calendar would have moved the deadline earlier; the told date stands."""
        return self.recomputed.due_on < self.previous_due_on

    @property
    def due_at(self) -> datetime:
        return datetime.combine(self.due_on, END_OF_DAY, tzinfo=self.recomputed.due_at.tzinfo)


def recompute_deadline(
    told_due_on: date,
    start: date,
    working_days: int,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> DeadlineChange:
    """Count the limit again on a changed calendar; a date told to the requester never moves
    earlier."""
    recomputed = add_working_days(start, working_days, calendar, time_zone=policy.tzinfo)
    return DeadlineChange(
        previous_due_on=told_due_on,
        due_on=max(told_due_on, recomputed.due_on),
        recomputed=recomputed,
    )


# --- Derived state: overdue, due soon, days waiting -------------------------------------------


def is_overdue(due_on: date, today: date) -> bool:
    """Overdue from the day after the due date (the limit ends at the due date's 23:59:59)."""
    return today > due_on


def is_due_within(due_on: date, today: date, n: int, calendar: WorkingCalendar) -> bool:
    """Not yet overdue, and due today or within the next `n` working days."""
    if is_overdue(due_on, today):
        return False
    counted, _skipped = calendar.walk(today, n)
    return due_on <= (counted[-1] if counted else today)


def working_days_elapsed(received_on: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days since the effective receipt (day 0), counting today if it is one."""
    return calendar.working_days_between(received_on, today)


def working_days_left(due_on: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days after today up to the due date; 0 on the due date and once overdue."""
    return calendar.working_days_between(today, due_on)


@dataclass(frozen=True)
class DeadlineStanding:
    """How a due date stands today, for a badge: working days left, or working days overdue."""

    due_on: date
    overdue: bool
    working_days: int  # left before the due date, or past it when overdue


def deadline_standing(due_on: date, today: date, calendar: WorkingCalendar) -> DeadlineStanding:
    if is_overdue(due_on, today):
        return DeadlineStanding(due_on, True, calendar.working_days_between(due_on, today))
    return DeadlineStanding(due_on, False, working_days_left(due_on, today, calendar))
