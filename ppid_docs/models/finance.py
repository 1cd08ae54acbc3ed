import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Orderable
from wagtail.search import index

from portal.exports import csv_response
from portal.lazy_context import lazy
from portal.routing import download_route, subpage_url
from ppid_docs.choices import AuditOpinion, FiguresBasis, FinancialReportType, ReportPeriod
from ppid_docs.figures import LINE_CHOICES, consistency_errors
from ppid_docs.models.publication import PublicationPage
from ppid_docs.serializers import FinancialFiguresField
from ppid_docs.statements import (
    COMPARED_LINES,
    budget_comparison,
    compositions,
    figure_rows,
    statement_sections,
)


class FinancialReportForm(WagtailAdminPageForm):
    """Refuses figures that do not add up, naming each identity that fails."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("figures")
        if formset is None or not formset.is_valid():
            return cleaned_data
        figures = {}
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            if data["line"] in figures:
                raise ValidationError(
                    _("The line “%(line)s” appears twice.") % {"line": form.fields["line"].label}
                )
            figures[data["line"]] = data["amount"]
        errors = consistency_errors(figures)
        if errors:
            raise ValidationError(errors)
        return cleaned_data


class FinancialReportPage(RoutablePageMixin, PublicationPage):
    """A budget, realisation or audited report; its figures are data, not only a PDF."""

    report_type = models.CharField(
        _("report type"), max_length=20, choices=FinancialReportType.choices, db_index=True
    )
    period = models.CharField(
        _("period"), max_length=10, choices=ReportPeriod.choices, default=ReportPeriod.TAHUNAN
    )
    period_label = models.CharField(
        _("period name"), max_length=50, blank=True, help_text=_("For example: Semester I.")
    )
    figures_basis = models.CharField(_("figures are"), max_length=10, choices=FiguresBasis.choices)
    audit_opinion = models.CharField(
        _("BPK audit opinion"), max_length=5, choices=AuditOpinion.choices, blank=True
    )

    base_form_class = FinancialReportForm

    class Meta:
        verbose_name = _("financial report")
        verbose_name_plural = _("financial reports")

    @property
    def fiscal_year(self):
        return self.year

    def figure_values(self):
        return {figure.line: figure.amount for figure in self.figures.all()}

    def same_year_reports(self):
        """The other published annual reports of this fiscal year, with the figures compared."""
        return (
            FinancialReportPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, year=self.year, period=ReportPeriod.TAHUNAN)
            .exclude(pk=self.pk)
            .prefetch_related(
                models.Prefetch(
                    "figures", queryset=FinancialFigure.objects.filter(line__in=COMPARED_LINES)
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the cached content fragment is served, none of this is read.
        values = functools.cache(self.figure_values)
        context.update(
            figure_sections=lazy(lambda: statement_sections(values())),
            compositions=lazy(lambda: compositions(values())),
            comparison=lazy(lambda: budget_comparison(self, values(), self.same_year_reports())),
            figures_csv_url=lazy(
                lambda: subpage_url(self, request, "figures_csv") if values() else None
            ),
        )
        return context

    @download_route("figures.csv", name="figures_csv")
    def figures_csv(self, request):
        return csv_response(
            f"{self.slug}.csv", ["line", "label", "amount"], figure_rows(self.figure_values())
        )

    content_panels = PublicationPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("report_type"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("period"), FieldPanel("period_label")]),
                FieldRowPanel([FieldPanel("figures_basis"), FieldPanel("audit_opinion")]),
            ],
            heading=_("Report"),
        ),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("document"),
        InlinePanel("figures", heading=_("Figures (rupiah)"), label=_("Figure")),
        *PublicationPage.dip_panels,
    ]
    api_fields = PublicationPage.api_fields + [
        APIField("report_type"),
        APIField("period"),
        APIField("period_label"),
        APIField("figures_basis"),
        APIField("audit_opinion"),
        APIField("figures", serializer=FinancialFiguresField()),
    ]
    search_fields = PublicationPage.search_fields + [
        index.FilterField("report_type"),
        index.FilterField("period"),
    ]
    parent_page_types = ["ppid_docs.AgencyPage"]
    subpage_types = []


class FinancialFigure(Orderable):
    page = ParentalKey(FinancialReportPage, on_delete=models.CASCADE, related_name="figures")
    line = models.CharField(_("line"), max_length=60, choices=LINE_CHOICES)
    amount = models.BigIntegerField(_("amount (Rp)"))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "line"], name="unique_financial_figure_line")
        ]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return f"{self.get_line_display()}: {self.amount}"

    panels = [FieldRowPanel([FieldPanel("line"), FieldPanel("amount")])]
