"""When the working calendar changes, open deadlines are counted again (kip-rules §1, policy).

Saving or deleting a `CalendarOverride` enqueues `recompute_open_deadlines_task` once the change
is committed; `manage.py recompute_deadlines` runs the same sweep by hand or from cron. Each
request, and each objection waiting for the Atasan PPID, whose date moves gets one
DEADLINE_RECOMPUTED event; a date already told to the requester never moves earlier
(`workflow.recompute_deadlines`, `objection_workflow.recompute_response_deadline`).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks import task

from information_requests import objection_workflow, workflow
from information_requests.calendar import load_calendar
from information_requests.deadlines import policy_from_settings
from information_requests.models import CalendarOverride, InformationRequest, Objection


def recompute_open_deadlines():
    """Recompute every open request on the calendar in force; returns the requests that moved."""
    calendar = load_calendar()
    policy = policy_from_settings()
    moved = []
    for request in InformationRequest.objects.open().order_by("pk").iterator():
        updated, changed = workflow.recompute_deadlines(request, calendar=calendar, policy=policy)
        if changed:
            moved.append(updated)
    return moved


def recompute_open_objection_deadlines():
    """Recompute the Atasan PPID's deadline of every open objection; returns those that moved."""
    calendar = load_calendar()
    policy = policy_from_settings()
    moved = []
    for objection in Objection.objects.open().order_by("pk").iterator():
        updated, changed = objection_workflow.recompute_response_deadline(
            objection, calendar=calendar, policy=policy
        )
        if changed:
            moved.append(updated)
    return moved


@task()
def recompute_open_deadlines_task():
    moved = [*recompute_open_deadlines(), *recompute_open_objection_deadlines()]
    return [case.registration_number for case in moved]


@receiver(post_save, sender=CalendarOverride, dispatch_uid="calendar_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="calendar_override_deleted")
def calendar_changed(sender, **kwargs):
    # After commit: the task must see the new calendar, and a rolled-back change moves nothing.
    transaction.on_commit(recompute_open_deadlines_task.enqueue)
