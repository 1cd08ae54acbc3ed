from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ppid_docs.choices import TIME_LIMITED_GROUNDS, ExemptionGround


class ExemptionDecisionQuerySet(models.QuerySet):
    def in_force(self, today=None):
        today = today or timezone.localdate()
        return self.filter(models.Q(exempt_until__isnull=True) | models.Q(exempt_until__gte=today))


class ExemptionDecision(models.Model):
    """An entry of the exempt-information register: what is withheld, why, and until when."""

    information = models.CharField(_("information withheld"), max_length=255)
    agency = models.ForeignKey(
        "ppid_docs.Agency", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    ground = models.CharField(
        _("ground (UU 14/2008 Pasal 17)"), max_length=1, choices=ExemptionGround.choices
    )
    reasons = models.TextField(_("reasons"))
    consequence_test = models.ForeignKey(
        "ppid_docs.PPIDDocument",
        verbose_name=_("consequence test (uji konsekuensi)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.CharField(_("decided by"), max_length=255)
    decided_on = models.DateField(_("decided on"))
    decided_at = models.CharField(_("decided at"), max_length=100, default="Bandar Lampung")
    exemption_period = models.CharField(
        _("exemption period"), max_length=100, blank=True, help_text=_("For example: 5 years.")
    )
    exempt_until = models.DateField(
        _("exempt until"),
        null=True,
        blank=True,
        help_text=_("Required for grounds a–f, which are limited in time."),
    )

    objects = ExemptionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "information"]
        verbose_name = _("exempt information decision")
        verbose_name_plural = _("exempt information register")

    def __str__(self):
        return self.information

    def is_in_force(self, today=None):
        """The same rule as `ExemptionDecisionQuerySet.in_force`, for one decision."""
        today = today or timezone.localdate()
        return self.exempt_until is None or self.exempt_until >= today

    def clean(self):
        if self.ground in TIME_LIMITED_GROUNDS and not self.exempt_until:
            raise ValidationError(
                {"exempt_until": _("Grounds a–f are limited in time: give the end date.")}
            )
        if self.exempt_until and self.decided_on and self.exempt_until <= self.decided_on:
            raise ValidationError({"exempt_until": _("The end date must come after the decision.")})

    panels = [
        FieldPanel("information"),
        FieldPanel("agency"),
        FieldPanel("ground"),
        FieldPanel("reasons"),
        FieldPanel("consequence_test"),
        MultiFieldPanel(
            [
                FieldPanel("decided_by"),
                FieldRowPanel([FieldPanel("decided_on"), FieldPanel("decided_at")]),
                FieldRowPanel([FieldPanel("exemption_period"), FieldPanel("exempt_until")]),
            ],
            heading=_("Decision"),
        ),
    ]
