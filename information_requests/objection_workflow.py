"""The only place that changes an objection's state (keberatan, UU 14/2008 Pasal 35-38).

As in `workflow` for requests: every action runs in one transaction on the locked row, checks the
actor's permission (`permissions.roles_of`), asks `objection_states` whether the action is possible
and writes exactly one `ObjectionEvent`. `PermissionDenied` means not allowed,
`InvalidObjectionTransition` not possible now, `ValidationError`/`ObjectionRefused` that the
details given are not acceptable.
"""

from datetime import date
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from information_requests import tasks
from information_requests.calendar import load_calendar
from information_requests.choices import ObjectionChannel, ObjectionDecision, ObjectionEventKind
from information_requests.deadlines import (
    effective_receipt,
    is_overdue,
    objection_response_deadline,
    policy_from_settings,
    recompute_deadline,
    to_local,
    today_local,
)
from information_requests.models import (
    InformationRequest,
    Objection,
    ObjectionEvent,
    ObjectionRegistrationCounter,
)
from information_requests.numbering import format_objection_number
from information_requests.objection_rules import ObjectionRefused, check_filing, history_of
from information_requests.objection_states import (
    DISPUTE_MILESTONES,
    OBJECTION_STATES,
    InvalidObjectionTransition,
    ObjectionAction,
    ObjectionStatus,
)
from information_requests.permissions import roles_of
from information_requests.workflow import next_registration_sequence


@transaction.atomic
def file_objection(
    request,
    *,
    grounds,
    statement,
    stated_on=None,
    proxy_name="",
    submitted_at=None,
    actor=None,
):
    """File an objection against `request`: its own registration number, the Atasan PPID's
    deadline and the first event, all or nothing.

    Online (`actor` None) the requester proved who they are with the tracking token; on paper a
    member of staff records it (`actor`) with `submitted_at`, when the paper arrived.
    """
    if actor is not None and not roles_of(actor).may_record_objections:
        raise PermissionDenied
    if not (statement or "").strip():
        raise ValidationError(
            {"statement": _("Say why you object: what happened and what you ask for.")}
        )
    submitted_at = submitted_at or timezone.now()
    calendar = load_calendar()
    policy = policy_from_settings()
    # The request's row lock serialises two filings against the same request.
    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    waiting = locked.objections.open().first()
    if waiting is not None:
        raise ObjectionRefused(
            [
                _(
                    "Objection %(number)s against this request is still waiting for the Atasan "
                    "PPID's answer."
                )
                % {"number": waiting.registration_number}
            ]
        )
    windows = check_filing(
        grounds, history_of(locked, policy), calendar, policy, submitted_at, stated_on
    )
    receipt = effective_receipt(submitted_at, calendar, policy)
    response = objection_response_deadline(receipt.received_on, calendar, policy)
    year = receipt.submitted_local.year
    sequence = next_registration_sequence(year, ObjectionRegistrationCounter)
    grounds = [window.ground.value for window in windows]
    objection = Objection.objects.create(
        registration_number=format_objection_number(year, sequence),
        registration_year=year,
        registration_sequence=sequence,
        request=locked,
        channel=ObjectionChannel.ONLINE if actor is None else ObjectionChannel.PAPER,
        grounds=grounds,
        periodic_information_due_on=stated_on if "b" in grounds else None,
        statement=statement.strip(),
        proxy_name=(proxy_name or "").strip(),
        submitted_at=submitted_at,
        received_on=receipt.received_on,
        response_due_on=response.due_on,
        recorded_by=actor,
    )
    ObjectionEvent.objects.create(
        objection=objection,
        kind=ObjectionEventKind.FILED,
        created_at=submitted_at,
        actor=actor,
        to_status=objection.status,
        data={
            "received_on": receipt.received_on.isoformat(),
            "response_due_on": response.due_on.isoformat(),
            "grounds": grounds,
            "filing_due_on": {window.ground.value: window.due_on.isoformat() for window in windows},
            "channel": objection.channel,
        },
    )
    transaction.on_commit(
        partial(tasks.send_objection_filed.enqueue, objection.pk, get_language()), robust=True
    )
    return objection


def answer(
    objection,
    *,
    actor,
    decision,
    reasons,
    order_to_ppid="",
    supervisor_name,
    supervisor_position,
    now=None,
):
    """The Atasan PPID's written answer: the PPID upheld with reasons, or overruled with the
    order given to the PPID."""
    now = now or timezone.now()
    decision = ObjectionDecision(decision)
    errors = {}
    if not (reasons or "").strip():
        errors["reasons"] = _("Give the reasons for the decision in writing.")
    if decision == ObjectionDecision.OVERTURNED and not (order_to_ppid or "").strip():
        errors["order_to_ppid"] = _("Say what the PPID is ordered to do.")
    if not (supervisor_name or "").strip():
        errors["supervisor_name"] = _("Give the name of the Atasan PPID who decides.")
    if not (supervisor_position or "").strip():
        errors["supervisor_position"] = _("Give the post of the Atasan PPID who decides.")
    if errors:
        raise ValidationError(errors)

    def apply(locked):
        locked.decision = decision
        locked.decision_reasons = reasons.strip()
        locked.order_to_ppid = (
            order_to_ppid.strip() if decision == ObjectionDecision.OVERTURNED else ""
        )
        locked.supervisor_name = supervisor_name.strip()
        locked.supervisor_position = supervisor_position.strip()
        locked.answered_at = now
        locked.answered_by = actor
        transaction.on_commit(
            partial(tasks.send_objection_answered.enqueue, locked.pk), robust=True
        )
        return {"decision": decision.value}

    return _transition(objection, ObjectionAction.ANSWER, actor, apply, at=now)


def withdraw(objection, *, actor, note=""):
    return _transition(objection, ObjectionAction.WITHDRAW, actor, note=note)


def record_milestone(objection, action, *, actor, happened_on, note="", now=None):
    """A dispute milestone at the Komisi Informasi or in court, on the date it happened."""
    action = ObjectionAction(action)
    if action not in DISPUTE_MILESTONES:
        raise ValueError(f"{action} is not a dispute milestone.")
    now = now or timezone.now()

    def apply(locked):
        today = to_local(now, policy_from_settings()).date()
        earliest = latest_milestone_on(locked) or locked.received_on
        if not isinstance(happened_on, date) or not earliest <= happened_on <= today:
            raise ValidationError(
                {
                    "happened_on": _("Give a date from %(earliest)s to today.")
                    % {"earliest": earliest.isoformat()}
                }
            )
        return {"happened_on": happened_on.isoformat()}

    return _transition(objection, action, actor, apply, note=(note or "").strip(), at=now)


def latest_milestone_on(objection):
    dates = objection.events.filter(kind__in=DISPUTE_MILESTONES).values_list(
        "data__happened_on", flat=True
    )
    return max((date.fromisoformat(value) for value in dates if value), default=None)


def possible_actions(objection, today=None):
    """The actions the state table allows now; a dispute before the Atasan answered only once
    the Atasan's time has run out (UU 37(2))."""
    actions = OBJECTION_STATES.available_actions(objection.status)
    today = today or today_local(policy_from_settings())
    if (
        objection.status == ObjectionStatus.RECEIVED
        and not is_overdue(objection.response_due_on, today)
        and ObjectionAction.DISPUTE_FILED in actions
    ):
        actions.remove(ObjectionAction.DISPUTE_FILED)
    return actions


@transaction.atomic
def recompute_response_deadline(objection, *, calendar, policy, now=None):
    """Count the Atasan PPID's 30 working days again on a changed calendar, as
    `workflow.recompute_deadlines` does for requests: a date told to the requester never moves
    earlier; a move is stored and logged. Returns the objection and whether its date moved."""
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if not locked.is_open:
        return locked, False
    change = recompute_deadline(
        locked.response_due_on, locked.received_on, policy.objection_response_days, calendar, policy
    )
    if not change.changed:
        return locked, False
    locked.response_due_on = change.due_on
    locked.save(update_fields=["response_due_on"])
    ObjectionEvent.objects.create(
        objection=locked,
        kind=ObjectionEventKind.DEADLINE_RECOMPUTED,
        created_at=now or timezone.now(),
        from_status=locked.status,
        to_status=locked.status,
        data={
            "response_due_on": {
                "from": change.previous_due_on.isoformat(),
                "to": change.due_on.isoformat(),
            }
        },
    )
    return locked, True


@transaction.atomic
def _transition(objection, action, actor, apply=None, *, note="", at=None):
    at = at or timezone.now()
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if not roles_of(actor).may_act_on_objection(action):
        raise PermissionDenied
    from_status = locked.status
    today = to_local(at, policy_from_settings()).date()
    if action not in possible_actions(locked, today):
        raise InvalidObjectionTransition(action, from_status)
    to_status = OBJECTION_STATES.next_status(action, from_status)
    data = apply(locked) if apply else {}
    locked.status = to_status
    locked.save()
    ObjectionEvent.objects.create(
        objection=locked,
        kind=action,
        created_at=at,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )
    return locked
