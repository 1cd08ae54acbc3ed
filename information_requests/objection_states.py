"""An objection's life as a table (UU 14/2008 Pasal 35-38), like `states` for requests.

The Atasan PPID answers it, or the requester withdraws it; then the dispute at the Komisi
Informasi and the court, whose milestones staff record as dates. `objection_workflow.py` is the
only code that changes an objection's status, and it asks this table first.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from information_requests.states import InvalidTransition, StateTable


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Waiting for the Atasan PPID's answer")
    ANSWERED = "answered", _("Answered by the Atasan PPID")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
    DISPUTED = "disputed", _("Dispute before the Komisi Informasi")
    DISPUTE_DECIDED = "dispute_decided", _("Dispute decided by the Komisi Informasi")
    IN_COURT = "in_court", _("Before the court")


class ObjectionAction(models.TextChoices):
    ANSWER = "answer", _("Answer the objection")
    WITHDRAW = "withdraw", _("Record withdrawal by the requester")
    DISPUTE_FILED = "dispute_filed", _("Record the dispute filed with the Komisi Informasi")
    MEDIATION = "mediation", _("Record mediation at the Komisi Informasi")
    ADJUDICATION = "adjudication", _("Record adjudication at the Komisi Informasi")
    DISPUTE_DECISION = "dispute_decision", _("Record the Komisi Informasi's decision")
    COURT_CASE = "court_case", _("Record the case taken to court")


# Things that happen outside the portal: staff record the date each happened.
DISPUTE_MILESTONES = (
    ObjectionAction.DISPUTE_FILED,
    ObjectionAction.MEDIATION,
    ObjectionAction.ADJUDICATION,
    ObjectionAction.DISPUTE_DECISION,
    ObjectionAction.COURT_CASE,
)

OPEN_OBJECTION = (ObjectionStatus.RECEIVED,)

OBJECTION_TRANSITIONS = {
    ObjectionAction.ANSWER: {ObjectionStatus.RECEIVED: ObjectionStatus.ANSWERED},
    ObjectionAction.WITHDRAW: {ObjectionStatus.RECEIVED: ObjectionStatus.WITHDRAWN},
    # From "received" only once the Atasan's time has run out (see objection_workflow).
    ObjectionAction.DISPUTE_FILED: {
        ObjectionStatus.RECEIVED: ObjectionStatus.DISPUTED,
        ObjectionStatus.ANSWERED: ObjectionStatus.DISPUTED,
    },
    # Several mediation or adjudication sessions may each be recorded.
    ObjectionAction.MEDIATION: {ObjectionStatus.DISPUTED: ObjectionStatus.DISPUTED},
    ObjectionAction.ADJUDICATION: {ObjectionStatus.DISPUTED: ObjectionStatus.DISPUTED},
    ObjectionAction.DISPUTE_DECISION: {ObjectionStatus.DISPUTED: ObjectionStatus.DISPUTE_DECIDED},
    ObjectionAction.COURT_CASE: {ObjectionStatus.DISPUTE_DECIDED: ObjectionStatus.IN_COURT},
}


class InvalidObjectionTransition(InvalidTransition):
    message = _("“%(action)s” is not possible while the objection is “%(status)s”.")
    actions = ObjectionAction
    statuses = ObjectionStatus


OBJECTION_STATES = StateTable(OBJECTION_TRANSITIONS, InvalidObjectionTransition)
