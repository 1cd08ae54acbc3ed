from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from information_requests.choices import ObjectionChannel, ObjectionDecision, ObjectionEventKind
from information_requests.deadlines import ObjectionGround
from information_requests.models.requests import (
    AppendOnlyEvent,
    InformationRequest,
    private_storage,
)
from information_requests.numbering import registration_slug
from information_requests.objection_states import OPEN_OBJECTION, ObjectionStatus


class ObjectionRegistrationCounter(models.Model):
    """The last objection number given in a year: objections have their own series."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("objection registration counter")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ObjectionQuerySet(models.QuerySet):
    def open(self):
        """Waiting for the Atasan PPID's answer."""
        return self.filter(status__in=OPEN_OBJECTION)

    def due_on_or_before(self, day):
        return self.open().filter(response_due_on__lte=day)

    def overdue(self, today):
        return self.due_on_or_before(today - timedelta(days=1))


class Objection(models.Model):
    """A keberatan (UU 14/2008 Pasal 35-36) against how a request was handled, addressed to the
    Atasan PPID. Its status changes only through `objection_workflow`."""

    registration_number = models.CharField(_("registration number"), max_length=50, unique=True)
    registration_year = models.PositiveSmallIntegerField(_("year"))
    registration_sequence = models.PositiveIntegerField(_("sequence"))
    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    channel = models.CharField(_("filed"), max_length=10, choices=ObjectionChannel.choices)
    # Letters of UU 35(1), e.g. ["a", "f"].
    grounds = models.JSONField(_("grounds (UU 14/2008 Pasal 35(1))"), default=list)
    periodic_information_due_on = models.DateField(
        _("date the periodic information should have been published"), null=True, blank=True
    )
    statement = models.TextField(_("reasons and facts of the objection"))
    proxy_name = models.CharField(_("filed by a proxy"), max_length=255, blank=True)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.RECEIVED,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), editable=False)
    received_on = models.DateField(_("received on"), editable=False)
    response_due_on = models.DateField(_("answer due on"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    decision = models.CharField(
        _("decision"), max_length=20, choices=ObjectionDecision.choices, blank=True, editable=False
    )
    decision_reasons = models.TextField(_("reasons"), blank=True, editable=False)
    order_to_ppid = models.TextField(_("order to the PPID"), blank=True, editable=False)
    supervisor_name = models.CharField(
        _("name of the Atasan PPID"), max_length=255, blank=True, editable=False
    )
    supervisor_position = models.CharField(
        _("post of the Atasan PPID"), max_length=255, blank=True, editable=False
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decision_pdf = models.FileField(
        _("answer (PDF)"), storage=private_storage, upload_to="objections/", blank=True
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        permissions = [("answer_objection", _("Can answer objections as the Atasan PPID"))]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_year", "registration_sequence"],
                name="unique_objection_sequence_per_year",
            ),
            # One objection at a time waits for the Atasan on a request.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="received"),
                name="one_open_objection_per_request",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ObjectionStatus.values), name="objection_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(response_due_on__gt=F("received_on")),
                name="objection_answer_due_after_receipt",
            ),
            models.CheckConstraint(condition=~Q(grounds=[]), name="objection_has_a_ground"),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(decision_reasons=""),
                name="objection_decision_has_reasons",
            ),
        ]
        indexes = [models.Index(fields=["status", "response_due_on"])]

    def __str__(self):
        return self.registration_number

    @property
    def is_open(self):
        return self.status in OPEN_OBJECTION

    @property
    def current_due_on(self):
        """The Atasan PPID's deadline, named like a request's for the shared deadline badges."""
        return self.response_due_on

    @property
    def number_slug(self):
        """The number as it appears in URLs."""
        return registration_slug(self.registration_number)

    def ground_choices(self):
        return [ObjectionGround(ground) for ground in self.grounds]

    def grounds_display(self):
        return "; ".join(str(ground.label) for ground in self.ground_choices())


class ObjectionEvent(AppendOnlyEvent):
    """One line of an objection's history; dispute milestones carry their date in `data`."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=ObjectionEventKind.choices)
    from_status = models.CharField(max_length=20, choices=ObjectionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ObjectionStatus.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("objection event")
        verbose_name_plural = _("objection events")

    def __str__(self):
        return f"{self.objection} {self.get_kind_display()}"
