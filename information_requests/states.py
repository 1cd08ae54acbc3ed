"""A request's life as a table: which action moves it from which status to which.

`workflow.py` is the only code that changes a request's status, and it asks this table first.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being processed")
    AWAITING_COMPLETION = "awaiting_completion", _("Waiting for the requester to complete it")
    ANSWERED = "answered", _("Answered (written notice given)")
    DELIVERED = "delivered", _("Information delivered")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
    CLOSED = "closed", _("Closed")


class Action(models.TextChoices):
    ASSIGN = "assign", _("Assign to an agency")
    ASK_TO_COMPLETE = "ask_to_complete", _("Ask the requester to complete the request")
    RECEIVE_COMPLETION = "receive_completion", _("Record the completed request")
    EXTEND = "extend", _("Extend the notice period")
    ANSWER = "answer", _("Answer with a written notice")
    RECORD_DELIVERY = "record_delivery", _("Record delivery of the information")
    WITHDRAW = "withdraw", _("Record withdrawal by the requester")
    CLOSE = "close", _("Close")


OPEN = (Status.RECEIVED, Status.IN_PROGRESS, Status.AWAITING_COMPLETION)

TRANSITIONS = {
    Action.ASSIGN: {
        Status.RECEIVED: Status.IN_PROGRESS,
        Status.IN_PROGRESS: Status.IN_PROGRESS,
        Status.AWAITING_COMPLETION: Status.AWAITING_COMPLETION,
    },
    Action.ASK_TO_COMPLETE: {
        Status.RECEIVED: Status.AWAITING_COMPLETION,
        Status.IN_PROGRESS: Status.AWAITING_COMPLETION,
    },
    Action.RECEIVE_COMPLETION: {Status.AWAITING_COMPLETION: Status.IN_PROGRESS},
    # An extension changes the deadline, not the status.
    Action.EXTEND: {status: status for status in OPEN},
    Action.ANSWER: dict.fromkeys(OPEN, Status.ANSWERED),
    Action.RECORD_DELIVERY: {Status.ANSWERED: Status.DELIVERED},
    Action.WITHDRAW: dict.fromkeys(OPEN, Status.WITHDRAWN),
    Action.CLOSE: {
        Status.ANSWERED: Status.CLOSED,
        Status.DELIVERED: Status.CLOSED,
        Status.WITHDRAWN: Status.CLOSED,
    },
}


class InvalidTransition(Exception):
    """The action is not possible from the current status (not a permission matter)."""

    message = _("“%(action)s” is not possible while the request is “%(status)s”.")
    actions = Action
    statuses = Status

    def __init__(self, action, status):
        self.action = self.actions(action)
        self.status = self.statuses(status)
        super().__init__(self.message % {"action": self.action.label, "status": self.status.label})


class StateTable:
    """A transition table and the error it raises: which action leads where from which status."""

    def __init__(self, transitions, error):
        self.transitions = transitions
        self.error = error

    def next_status(self, action, status):
        try:
            return self.transitions[self.error.actions(action)][self.error.statuses(status)]
        except KeyError:
            raise self.error(action, status) from None

    def available_actions(self, status):
        status = self.error.statuses(status)
        return [action for action, moves in self.transitions.items() if status in moves]


REQUEST_STATES = StateTable(TRANSITIONS, InvalidTransition)
next_status = REQUEST_STATES.next_status
available_actions = REQUEST_STATES.available_actions
