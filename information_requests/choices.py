from django.db import models
from django.utils.translation import gettext_lazy as _


class RequesterType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    LEGAL_ENTITY = "legal_entity", _("Legal entity (badan hukum)")
    GROUP = "group", _("Group or proxy (kuasa)")


class ObtainMethod(models.TextChoices):
    """How the requester wants to obtain the information (Perki 1/2021 form)."""

    VIEW = "view", _("See, read, listen to or take notes")
    SOFTCOPY = "softcopy", _("Receive a copy: softcopy")
    HARDCOPY = "hardcopy", _("Receive a copy: hardcopy")


class DeliveryMethod(models.TextChoices):
    PICK_UP = "pick_up", _("Pick up in person")
    COURIER = "courier", _("Courier")
    POST = "post", _("Post")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")


class Outcome(models.TextChoices):
    """The decision stated in the written notice (kip-rules §3)."""

    GRANTED_FULL = "granted_full", _("Granted in full")
    GRANTED_PARTIAL = "granted_partial", _("Granted in part")
    REJECTED = "rejected", _("Rejected: exempt information")
    NOT_HELD = "not_held", _("Not held by this body")
    NOT_DOCUMENTED = "not_documented", _("Not yet documented")


GRANTED = (Outcome.GRANTED_FULL, Outcome.GRANTED_PARTIAL)


class AttachmentKind(models.TextChoices):
    IDENTITY_CARD = "identity_card", _("Identity card (KTP)")
    LEGAL_ENTITY_DEED = "legal_entity_deed", _("Deed or decree of the legal entity")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Special power of attorney (surat kuasa khusus)")
    PROXY_IDENTITY_CARD = "proxy_identity_card", _("Identity card of the proxy")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Request received")
    ASSIGNED = "assign", _("Assigned to an agency")
    ASKED_TO_COMPLETE = "ask_to_complete", _("Requester asked to complete the request")
    COMPLETION_RECEIVED = "receive_completion", _("Completed request received")
    EXTENDED = "extend", _("Notice period extended")
    ANSWERED = "answer", _("Written notice given")
    DELIVERED = "record_delivery", _("Information delivered")
    WITHDRAWN = "withdraw", _("Withdrawn by the requester")
    CLOSED = "close", _("Closed")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Deadline recomputed after a calendar change")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    IDENTITY_DOCUMENT_OPENED = "identity_document_opened", _("Identity document opened by staff")


# What the requester sees on the tracking page; the rest is internal.
PUBLIC_EVENT_KINDS = (
    EventKind.SUBMITTED,
    EventKind.ASSIGNED,
    EventKind.ASKED_TO_COMPLETE,
    EventKind.COMPLETION_RECEIVED,
    EventKind.EXTENDED,
    EventKind.ANSWERED,
    EventKind.DELIVERED,
    EventKind.WITHDRAWN,
    EventKind.CLOSED,
    EventKind.DEADLINE_RECOMPUTED,
)


class ObjectionChannel(models.TextChoices):
    ONLINE = "online", _("Online, from the request's tracking page")
    PAPER = "paper", _("On paper, recorded by staff")


class ObjectionDecision(models.TextChoices):
    """The Atasan PPID's answer (UU 36(2)): reasons are required when the PPID is upheld."""

    UPHELD = "upheld", _("The PPID's decision is upheld")
    OVERTURNED = "overturned", _("The objection is granted: the PPID is ordered to act")


class ObjectionEventKind(models.TextChoices):
    FILED = "filed", _("Objection received")
    ANSWERED = "answer", _("Answered by the Atasan PPID")
    WITHDRAWN = "withdraw", _("Withdrawn by the requester")
    DISPUTE_FILED = "dispute_filed", _("Dispute filed with the Komisi Informasi")
    MEDIATION = "mediation", _("Mediation at the Komisi Informasi")
    ADJUDICATION = "adjudication", _("Adjudication at the Komisi Informasi")
    DISPUTE_DECISION = "dispute_decision", _("Decision of the Komisi Informasi")
    COURT_CASE = "court_case", _("Case taken to court")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Deadline recomputed after a calendar change")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")


# The requester sees all but the reminders to staff.
PUBLIC_OBJECTION_EVENT_KINDS = tuple(
    kind for kind in ObjectionEventKind if kind != ObjectionEventKind.REMINDER_SENT
)
