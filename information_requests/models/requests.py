import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from information_requests.choices import (
    AttachmentKind,
    DeliveryMethod,
    EventKind,
    ObtainMethod,
    Outcome,
    RequesterType,
)
from information_requests.states import OPEN, Status
from ppid_docs.choices import ExemptionGround


def private_storage():
    """Identity documents never touch the public media storage."""
    return storages["private"]


class CalendarOverride(models.Model):
    """A day the administrator closes the office, or opens it although the calendar says closed.

    The national holidays and cuti bersama come from the `holidays` package; this table holds what
    the package cannot know (a regional closure, a late decree, a make-up Saturday).
    """

    class Kind(models.TextChoices):
        CLOSURE = "closure", _("Extra closure")
        WORKING_DAY = "working_day", _("Extra working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.CharField(
        _("reason"),
        max_length=255,
        help_text=_("Shown to requesters when a deadline skips or counts this day."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["closure", "working_day"]),
                name="calendar_override_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="calendar_override_reason_required"
            ),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()}: {self.reason}"


class RegistrationCounter(models.Model):
    """The last registration number given in a year; its row lock serialises concurrent filings."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registration counter")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def with_due_on(self):
        """Annotate `due_on`, the current deadline (the extended one if extended), to sort and
        filter on; the same date as the `current_due_on` property."""
        if "due_on" in self.query.annotations:
            return self
        return self.annotate(due_on=Coalesce("extended_due_on", "notice_due_on"))

    def due_on_or_before(self, day):
        """Open requests whose current deadline falls on or before `day`."""
        return self.open().with_due_on().filter(due_on__lte=day)

    def due_after(self, day):
        return self.with_due_on().filter(due_on__gt=day)

    def overdue(self, today):
        return self.due_on_or_before(today - timedelta(days=1))

    def for_agency(self, agency):
        return self.filter(agency=agency)

    def service_figures(self, year):
        """What the public sees of a year's service, in one query: requests received, those
        answered with a written notice, and those answered by their deadline (WIB dates)."""
        return (
            self.filter(received_on__year=year)
            .with_due_on()
            .aggregate(
                received=Count("pk"),
                answered=Count("pk", filter=Q(answered_at__isnull=False)),
                answered_on_time=Count("pk", filter=Q(answered_at__date__lte=F("due_on"))),
            )
        )


class InformationRequest(models.Model):
    """A permohonan informasi publik. Its status changes only through `workflow`."""

    registration_number = models.CharField(_("registration number"), max_length=50, unique=True)
    registration_year = models.PositiveSmallIntegerField(_("year"))
    registration_sequence = models.PositiveIntegerField(_("sequence"))
    tracking_token_hash = models.CharField(max_length=64, editable=False)

    requester_type = models.CharField(
        _("requester type"), max_length=20, choices=RequesterType.choices
    )
    full_name = models.CharField(_("full name"), max_length=255)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    legal_entity_decree = models.CharField(
        _("legal entity decree number"), max_length=100, blank=True
    )
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)

    information_requested = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose of use"))
    obtain_method = models.CharField(
        _("how to obtain it"), max_length=10, choices=ObtainMethod.choices
    )
    delivery_method = models.CharField(
        _("how to receive the copy"), max_length=10, choices=DeliveryMethod.choices, blank=True
    )

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    agency = models.ForeignKey(
        "ppid_docs.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="information_requests",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), editable=False)
    received_on = models.DateField(_("received on"), editable=False)
    notice_due_on = models.DateField(_("notice due on"), editable=False)
    extended_due_on = models.DateField(_("extended deadline"), null=True, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)

    outcome = models.CharField(
        _("decision"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, editable=False)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, editable=False)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        permissions = [
            ("process_informationrequest", _("Can work on information requests")),
            ("view_identity_document", _("Can open requesters' identity documents")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_year", "registration_sequence"],
                name="unique_registration_sequence_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="information_request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(extended_due_on__isnull=True)
                | Q(extended_due_on__gt=F("notice_due_on")),
                name="extension_after_notice_deadline",
            ),
            models.CheckConstraint(
                condition=Q(requester_type="legal_entity") | ~Q(nik=""),
                name="individuals_and_proxies_give_a_nik",
            ),
        ]
        indexes = [models.Index(fields=["status", "notice_due_on"])]

    def __str__(self):
        return self.registration_number

    @property
    def current_due_on(self):
        return self.extended_due_on or self.notice_due_on

    @property
    def is_open(self):
        return self.status in OPEN

    @property
    def was_withdrawn(self):
        """Withdrawn, and perhaps closed since (only an unanswered request closes unanswered)."""
        return self.status == Status.WITHDRAWN or (
            self.status == Status.CLOSED and self.answered_at is None
        )

    @property
    def masked_nik(self):
        """Staff lists show only the last four digits."""
        return f"{'•' * 12}{self.nik[-4:]}" if self.nik else ""


class StaffAgency(models.Model):
    """A member of staff serving an agency as PPID Pelaksana: they see and work on the requests
    assigned to that agency (and only those, unless they belong to PPID Utama)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member of staff"),
        on_delete=models.CASCADE,
        related_name="ppid_agencies",
    )
    agency = models.ForeignKey(
        "ppid_docs.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="ppid_staff",
    )

    class Meta:
        ordering = ["agency__name", "user__username"]
        verbose_name = _("agency staff member")
        verbose_name_plural = _("agency staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="unique_staff_agency"),
        ]

    def __str__(self):
        return f"{self.user} – {self.agency}"


def private_attachment_path(attachment, filename):
    # A random name: nothing about the requester is guessable from the storage key.
    extension = Path(filename).suffix.lower()[:10]
    return f"requests/{attachment.request.registration_year}/{uuid.uuid4().hex}{extension}"


class RequestAttachment(models.Model):
    """An identity document: private storage, opened only by permitted staff, each time logged."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=private_attachment_path, max_length=255
    )
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class AppendOnlyError(Exception):
    pass


class AppendOnlyEvent(models.Model):
    """One line of a history. Written once, never edited: registers and statistics are queries
    over these rows."""

    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Events are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Events are never deleted.")


class RequestEvent(AppendOnlyEvent):
    """One line of a request's history."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class WrittenNotice(models.Model):
    """The pemberitahuan tertulis (UU 22(7)): the decision and what follows from it."""

    request = models.OneToOneField(
        InformationRequest, on_delete=models.CASCADE, related_name="notice"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    information_provided = models.TextField(_("information to be provided"), blank=True)
    information_form = models.CharField(
        _("form of the information"), max_length=10, choices=ObtainMethod.choices, blank=True
    )
    redactions = models.TextField(
        _("parts blacked out and why"),
        blank=True,
        help_text=_("Required when the request is granted in part."),
    )
    exemption_ground = models.CharField(
        _("exemption ground (UU 14/2008 Pasal 17)"),
        max_length=1,
        choices=ExemptionGround.choices,
        blank=True,
    )
    consequence_test = models.TextField(_("consequence test (uji konsekuensi)"), blank=True)
    holding_body = models.CharField(
        _("body that holds the information"), max_length=255, blank=True
    )
    documentation_period = models.CharField(
        _("period needed to document it"), max_length=100, blank=True
    )
    cost = models.PositiveBigIntegerField(_("cost (Rp)"), default=0)
    cost_explanation = models.CharField(_("how the cost is paid"), max_length=255, blank=True)
    provision_time = models.CharField(_("when it will be provided"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(
        _("notice (PDF)"), storage=private_storage, upload_to="notices/", blank=True
    )

    class Meta:
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")

    def __str__(self):
        return f"{self.request} {self.get_outcome_display()}"


class SearchFirstHit(models.Model):
    """A requester followed a published page suggested while describing a request: the answer was
    already public. Nothing here identifies the requester."""

    query = models.CharField(_("what the requester typed"), max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page followed"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("published answer found before requesting")
        verbose_name_plural = _("published answers found before requesting")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.query}"
