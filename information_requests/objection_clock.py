"""An objection's dates as the requester sees them: the Atasan PPID's 30 working days, then the
requester's 14 working days to take the dispute to the Komisi Informasi (UU 36(2), 37(2)).

The Atasan's answer counts as received by the requester on the day it is given (policy, as for
the written notice: it is e-mailed and shown on the tracking page at once)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import ngettext

from information_requests.calendar import WorkingCalendar, load_calendar
from information_requests.choices import ObjectionEventKind
from information_requests.clock import format_day, join_sentences, not_counted
from information_requests.deadlines import (
    DeadlinePolicy,
    WorkingDaysResult,
    dispute_window,
    is_overdue,
    objection_response_deadline,
    policy_from_settings,
    to_local,
    today_local,
    working_days_left,
)
from information_requests.objection_states import DISPUTE_MILESTONES, ObjectionStatus


@dataclass(frozen=True)
class Milestone:
    kind: str
    label: str
    happened_on: date
    note: str


@dataclass(frozen=True)
class ObjectionClock:
    received_on: date
    response_due_on: date
    response: WorkingDaysResult | None  # the count, when it still gives the stored date
    answered_on: date | None
    # The requester's window for the dispute, once the Atasan answered or the time ran out.
    dispute: WorkingDaysResult | None
    is_open: bool
    is_overdue: bool
    working_days_left: int
    policy: DeadlinePolicy

    def response_explanation(self):
        sentence = ngettext(
            "The Atasan PPID must answer in writing by the end of %(day)s: %(count)d working "
            "day after the day the objection counts as received, %(received)s.",
            "The Atasan PPID must answer in writing by the end of %(day)s: %(count)d working "
            "days after the day the objection counts as received, %(received)s.",
            self.policy.objection_response_days,
        ) % {
            "day": format_day(self.response_due_on),
            "count": self.policy.objection_response_days,
            "received": format_day(self.received_on),
        }
        return join_sentences(sentence, not_counted(self.response))

    def dispute_explanation(self):
        if self.dispute is None:
            return ""
        values = {"count": self.dispute.working_days, "day": format_day(self.dispute.due_on)}
        if self.answered_on:
            sentence = ngettext(
                "If the answer does not satisfy you, you may take the dispute to the Komisi "
                "Informasi within %(count)d working day of receiving it: by the end of %(day)s "
                "(UU 14/2008 Pasal 37(2)).",
                "If the answer does not satisfy you, you may take the dispute to the Komisi "
                "Informasi within %(count)d working days of receiving it: by the end of %(day)s "
                "(UU 14/2008 Pasal 37(2)).",
                self.dispute.working_days,
            )
        else:
            sentence = ngettext(
                "The Atasan PPID did not answer in time. You may take the dispute to the Komisi "
                "Informasi within %(count)d working day from the day after the deadline: by the "
                "end of %(day)s (UU 14/2008 Pasal 37(2)).",
                "The Atasan PPID did not answer in time. You may take the dispute to the Komisi "
                "Informasi within %(count)d working days from the day after the deadline: by the "
                "end of %(day)s (UU 14/2008 Pasal 37(2)).",
                self.dispute.working_days,
            )
        return join_sentences(sentence % values, not_counted(self.dispute))


def objection_clock(
    objection,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    today: date | None = None,
) -> ObjectionClock:
    calendar = calendar or load_calendar()
    policy = policy or policy_from_settings()
    today = today or today_local(policy)
    response = objection_response_deadline(objection.received_on, calendar, policy)
    answered_on = to_local(objection.answered_at, policy).date() if objection.answered_at else None
    dispute = None
    if answered_on and objection.status == ObjectionStatus.ANSWERED:
        dispute = dispute_window(calendar, policy, answer_received_on=answered_on)
    elif objection.is_open and is_overdue(objection.response_due_on, today):
        dispute = dispute_window(calendar, policy, response_due_on=objection.response_due_on)
    return ObjectionClock(
        received_on=objection.received_on,
        response_due_on=objection.response_due_on,
        response=response if response.due_on == objection.response_due_on else None,
        answered_on=answered_on,
        dispute=dispute,
        is_open=objection.is_open,
        is_overdue=objection.is_open and is_overdue(objection.response_due_on, today),
        working_days_left=working_days_left(objection.response_due_on, today, calendar),
        policy=policy,
    )


def milestones(objection):
    """The dispute's milestones recorded so far, in the order they happened."""
    events = objection.events.filter(kind__in=DISPUTE_MILESTONES).order_by("created_at", "pk")
    recorded = [
        Milestone(
            event.kind,
            ObjectionEventKind(event.kind).label,
            date.fromisoformat(event.data["happened_on"]),
            event.note,
        )
        for event in events
    ]
    return sorted(recorded, key=lambda milestone: milestone.happened_on)
