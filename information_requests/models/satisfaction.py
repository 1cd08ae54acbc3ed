from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from information_requests.models.requests import InformationRequest
from information_requests.satisfaction import (
    ELEMENT_FIELDS,
    ELEMENTS,
    HIGHEST,
    LOWEST,
    RATING_CHOICES,
)

LABELS = {element.field: element.label for element in ELEMENTS}
COMMENT_MAX_LENGTH = 2000


def rating_field(name):
    return models.PositiveSmallIntegerField(
        LABELS[name],
        choices=RATING_CHOICES,
        validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)],
    )


class SatisfactionResponse(models.Model):
    """A requester's rating of the service on an answered request (PermenPANRB 14/2017's nine
    elements, `satisfaction`). One per request: the database refuses a second."""

    request = models.OneToOneField(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.CASCADE,
        related_name="satisfaction_response",
    )
    requirements = rating_field("requirements")
    procedure = rating_field("procedure")
    completion_time = rating_field("completion_time")
    cost = rating_field("cost")
    product = rating_field("product")
    competence = rating_field("competence")
    conduct = rating_field("conduct")
    complaints = rating_field("complaints")
    facilities = rating_field("facilities")
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("satisfaction survey response")
        verbose_name_plural = _("satisfaction survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": LOWEST, f"{name}__lte": HIGHEST}),
                name=f"satisfaction_{name}_from_1_to_4",
            )
            for name in ELEMENT_FIELDS
        ]

    def __str__(self):
        return f"{self.request} {self.submitted_at:%Y-%m-%d}"

    @property
    def scores(self):
        return tuple(getattr(self, name) for name in ELEMENT_FIELDS)
