"""The only place that changes an information request's state.

Every action here runs in one transaction, locks the request row, checks the actor's permission
(`permissions.roles_of`), asks `states` whether the action is possible, and writes exactly one
event. Three different failures keep three different meanings: `PermissionDenied` (not allowed),
`InvalidTransition` (not possible now), `ValidationError`/`DeadlineError` (the details given are
not acceptable). Recomputing deadlines after a calendar change and opening an identity document
live here too: they change or reveal a request, so they are checked and logged the same way.
"""

import hashlib
import secrets
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from information_requests import tasks
from information_requests.calendar import load_calendar
from information_requests.choices import GRANTED, EventKind
from information_requests.deadlines import (
    END_OF_DAY,
    check_extension,
    effective_receipt,
    extended_deadline,
    notice_deadline,
    policy_from_settings,
    recompute_deadline,
)
from information_requests.models import (
    InformationRequest,
    RegistrationCounter,
    RequestAttachment,
    RequestEvent,
    WrittenNotice,
)
from information_requests.notices import notice_errors
from information_requests.numbering import format_registration_number
from information_requests.permissions import roles_of
from information_requests.states import Action, InvalidTransition, available_actions, next_status


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(request, token):
    return secrets.compare_digest(request.tracking_token_hash, hash_token(token or ""))


@transaction.atomic
def submit(requester, attachments=(), submitted_at=None):
    """File a request: registration number, deadlines and the first event, all or nothing.

    `requester` holds the form's cleaned fields; `attachments` is a list of (kind, uploaded file,
    content type). Returns the request and the secret tracking token (only its hash is stored).
    """
    submitted_at = submitted_at or timezone.now()
    calendar = load_calendar()
    policy = policy_from_settings()
    receipt = effective_receipt(submitted_at, calendar, policy)
    notice = notice_deadline(receipt.received_on, calendar, policy)
    year = receipt.submitted_local.year
    sequence = next_registration_sequence(year)
    token = secrets.token_urlsafe(32)
    request = InformationRequest.objects.create(
        **requester,
        registration_number=format_registration_number(year, sequence),
        registration_year=year,
        registration_sequence=sequence,
        tracking_token_hash=hash_token(token),
        submitted_at=submitted_at,
        received_on=receipt.received_on,
        notice_due_on=notice.due_on,
    )
    for kind, uploaded, content_type in attachments:
        store_attachment(request, kind, uploaded, content_type)
    RequestEvent.objects.create(
        request=request,
        kind=EventKind.SUBMITTED,
        created_at=submitted_at,
        to_status=request.status,
        data={
            "received_on": receipt.received_on.isoformat(),
            "notice_due_on": notice.due_on.isoformat(),
        },
    )
    # Mail leaves only once the request is committed; a failure to enqueue is logged, not raised.
    transaction.on_commit(
        partial(tasks.send_request_submitted.enqueue, request.pk, token, get_language()),
        robust=True,
    )
    return request, token


def next_registration_sequence(year, counter_model=RegistrationCounter):
    """The year's next number. The counter row's lock makes concurrent filings wait their turn."""
    counter_model.objects.bulk_create([counter_model(year=year)], ignore_conflicts=True)
    counter = counter_model.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def store_attachment(request, kind, uploaded, content_type):
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    attachment = RequestAttachment(
        request=request,
        kind=kind,
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    return attachment


def assign(request, *, actor, agency, note="", now=None):
    def apply(locked):
        locked.agency = agency
        return {"agency": agency.pk, "agency_name": agency.name}

    return _transition(request, Action.ASSIGN, actor, apply, note=note, at=now)


def ask_to_complete(request, *, actor, note):
    if not note.strip():
        raise ValidationError({"note": _("Say what the requester needs to complete.")})
    return _transition(request, Action.ASK_TO_COMPLETE, actor, note=note)


def receive_completion(request, *, actor, note=""):
    return _transition(request, Action.RECEIVE_COMPLETION, actor, note=note)


def extend(request, *, actor, reason, now=None):
    now = now or timezone.now()

    def apply(locked):
        calendar = load_calendar()
        policy = policy_from_settings()
        check_extension(
            notice_due_at=datetime.combine(locked.notice_due_on, END_OF_DAY, policy.tzinfo),
            reason=reason,
            already_extended=locked.extended_due_on is not None,
            now=now,
        )
        extended = extended_deadline(locked.notice_due_on, calendar, policy)
        locked.extended_due_on = extended.due_on
        locked.extension_reason = reason.strip()
        return {"extended_due_on": extended.due_on.isoformat()}

    return _transition(request, Action.EXTEND, actor, apply, note=reason.strip(), at=now)


def answer(request, *, actor, outcome, details, now=None):
    """Give the written notice. `details` holds the notice's fields for the decision taken."""
    now = now or timezone.now()
    errors = notice_errors(outcome, details)
    if errors:
        raise ValidationError(errors)

    def apply(locked):
        WrittenNotice.objects.create(
            request=locked, outcome=outcome, issued_at=now, issued_by=actor, **details
        )
        locked.outcome = outcome
        locked.answered_at = now
        transaction.on_commit(partial(tasks.send_notice_issued.enqueue, locked.pk), robust=True)
        return {"outcome": outcome}

    return _transition(request, Action.ANSWER, actor, apply, at=now)


def record_delivery(request, *, actor, note="", now=None):
    now = now or timezone.now()

    def apply(locked):
        if Action.RECORD_DELIVERY not in possible_actions(locked):
            raise InvalidTransition(Action.RECORD_DELIVERY, locked.status)
        locked.delivered_at = now
        return {}

    return _transition(request, Action.RECORD_DELIVERY, actor, apply, note=note, at=now)


def withdraw(request, *, actor, note="", now=None):
    return _transition(request, Action.WITHDRAW, actor, note=note, at=now)


def close(request, *, actor, note="", now=None):
    now = now or timezone.now()

    def apply(locked):
        locked.closed_at = now
        return {}

    return _transition(request, Action.CLOSE, actor, apply, note=note, at=now)


def possible_actions(request):
    """The actions the request's state allows now: the state table, and delivery only of
    information that was granted."""
    actions = available_actions(request.status)
    if request.outcome not in GRANTED and Action.RECORD_DELIVERY in actions:
        actions.remove(Action.RECORD_DELIVERY)
    return actions


@transaction.atomic
def recompute_deadlines(request, *, calendar, policy, now=None):
    """Count an open request's deadlines again on a changed calendar.

    A date told to the requester never moves earlier. When a date moves, the new one is stored and
    one DEADLINE_RECOMPUTED event records both. Returns the request and whether anything moved.
    """
    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_open:
        return locked, False
    notice = recompute_deadline(
        locked.notice_due_on, locked.received_on, policy.notice_days, calendar, policy
    )
    changes = {"notice_due_on": notice}
    if locked.extended_due_on:
        changes["extended_due_on"] = recompute_deadline(
            locked.extended_due_on, notice.due_on, policy.extension_days, calendar, policy
        )
    moved = {field: change for field, change in changes.items() if change.changed}
    if not moved:
        return locked, False
    for field, change in moved.items():
        setattr(locked, field, change.due_on)
    locked.save(update_fields=list(moved))
    RequestEvent.objects.create(
        request=locked,
        kind=EventKind.DEADLINE_RECOMPUTED,
        created_at=now or timezone.now(),
        from_status=locked.status,
        to_status=locked.status,
        data={
            field: {"from": change.previous_due_on.isoformat(), "to": change.due_on.isoformat()}
            for field, change in moved.items()
        },
    )
    return locked, True


def open_identity_document(attachment, *, actor):
    """Open a requester's identity document for a member of staff allowed to see it, and log
    each opening (who, which document). Raises PermissionDenied, or OSError when the file is
    gone from storage (nothing is logged then)."""
    if not roles_of(actor).may_open_identity_documents(attachment.request):
        raise PermissionDenied
    handle = attachment.file.open("rb")
    RequestEvent.objects.create(
        request_id=attachment.request_id,
        kind=EventKind.IDENTITY_DOCUMENT_OPENED,
        actor=actor,
        data={"attachment": attachment.pk, "attachment_kind": attachment.kind},
    )
    return handle


def check_permission(actor, action, request):
    """PPID Utama may do everything; PPID Pelaksana everything but assigning, on their agencies'
    requests only; anyone else nothing (see `permissions`)."""
    if not roles_of(actor).may_act(action, request):
        raise PermissionDenied


@transaction.atomic
def _transition(request, action, actor, apply=None, *, note="", at=None):
    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    # Checked on the locked row: the agency it is assigned to now, not when the page was loaded.
    check_permission(actor, action, locked)
    from_status = locked.status
    to_status = next_status(action, from_status)
    data = apply(locked) if apply else {}
    locked.status = to_status
    locked.save()
    RequestEvent.objects.create(
        request=locked,
        kind=action,
        created_at=at or timezone.now(),
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )
    return locked
