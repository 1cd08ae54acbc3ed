from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from ppid_docs.choices import WorkPlanType
from ppid_docs.models.publication import PublicationPage
from ppid_docs.serializers import WorkPlanProgrammesField


class WorkPlanPage(PublicationPage):
    """A development or work plan, with its programmes, indicators and targets."""

    plan_type = models.CharField(
        _("plan type"), max_length=10, choices=WorkPlanType.choices, db_index=True
    )
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year comes before the first year.")})

    @property
    def total_budget(self):
        budgets = [programme.budget for programme in self.programmes.all()]
        known = [budget for budget in budgets if budget is not None]
        return sum(known) if known else None

    content_panels = PublicationPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("plan_type"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Plan"),
        ),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("document"),
        InlinePanel("programmes", heading=_("Programmes"), label=_("Programme")),
        *PublicationPage.dip_panels,
    ]
    api_fields = PublicationPage.api_fields + [
        APIField("plan_type"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("programmes", serializer=WorkPlanProgrammesField()),
        APIField("total_budget"),
    ]
    search_fields = PublicationPage.search_fields + [
        index.RelatedFields(
            "programmes", [index.SearchField("programme"), index.SearchField("indicator")]
        ),
        index.FilterField("plan_type"),
    ]
    parent_page_types = ["ppid_docs.AgencyPage"]
    subpage_types = []


class WorkPlanProgramme(Orderable):
    page = ParentalKey(WorkPlanPage, on_delete=models.CASCADE, related_name="programmes")
    programme = models.CharField(_("programme"), max_length=255)
    indicator = models.CharField(_("indicator"), max_length=255)
    target = models.CharField(_("target"), max_length=255)
    budget = models.BigIntegerField(_("budget ceiling (Rp)"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.programme

    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("target"), FieldPanel("budget")]),
    ]
