"""The pages that publish what the PPID did: the yearly service report (UU 14/2008 Pasal 12) and
the public statistics. Their figures are computed from the requests and objections each time
(`service_figures`), never typed in; staff write only the narrative."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.exports import csv_response
from portal.routing import download_route, subpage_url

# The figure modules read the models defined next to this one: they are imported inside the
# methods, once the models are loaded.
NARRATIVE_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
# UU 14/2008 came into force on 30 April 2010.
FIRST_REPORT_YEAR = 2010


class ServiceReportPage(RoutablePageMixin, Page):
    """The yearly public-information service report: computed figures and staff's narrative,
    as a page, a PDF and a CSV of the figures. Due by 31 March for the previous year."""

    year = models.PositiveSmallIntegerField(
        _("year reported on"), validators=[MinValueValidator(FIRST_REPORT_YEAR)]
    )
    intro = RichTextField(_("introduction"), blank=True, features=NARRATIVE_FEATURES)
    policy = RichTextField(
        _("policy"),
        blank=True,
        features=NARRATIVE_FEATURES,
        help_text=_("The body's policy on the public information service."),
    )
    implementation = RichTextField(
        _("implementation"),
        blank=True,
        features=NARRATIVE_FEATURES,
        help_text=_("How the service was run: staff, facilities, budget, programmes."),
    )
    constraints = RichTextField(
        _("constraints"),
        blank=True,
        features=NARRATIVE_FEATURES,
        help_text=_("Internal and external constraints met in the year."),
    )
    recommendations = RichTextField(
        _("recommendations"),
        blank=True,
        features=NARRATIVE_FEATURES,
        help_text=_("Recommendations and follow-up to improve the service."),
    )

    class Meta:
        verbose_name = _("yearly service report")
        verbose_name_plural = _("yearly service reports")

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("A report covers a year that has begun.")})

    def narrative_sections(self):
        return [
            (_("Policy"), self.policy),
            (_("Implementation"), self.implementation),
            (_("Constraints"), self.constraints),
            (_("Recommendations"), self.recommendations),
        ]

    def figures(self):
        from information_requests.service_figures import load_figures

        return load_figures(self.year)

    def get_context(self, request, *args, **kwargs):
        from information_requests.service_report import published_agencies, report_sections

        context = super().get_context(request, *args, **kwargs)
        figures = self.figures()
        context.update(
            figures=figures,
            sections=report_sections(figures),
            agencies=published_agencies(figures),
            csv_url=subpage_url(self, request, "figures_csv"),
            pdf_url=subpage_url(self, request, "report_pdf"),
        )
        return context

    @download_route("figures.csv", name="figures_csv")
    def figures_csv(self, request):
        from information_requests.service_report import figure_rows, report_sections

        rows = figure_rows(report_sections(self.figures()))
        header = [_("Section"), _("Figure"), _("Value")]
        return csv_response(f"{self.slug}-{self.year}-figures.csv", header, rows)

    @download_route("report.pdf", name="report_pdf")
    def report_pdf(self, request):
        from information_requests.service_report import render_report_pdf, report_sections

        pdf = render_report_pdf(self, report_sections(self.figures()))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-{self.year}.pdf"'
        return response

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        HelpPanel(
            content=_(
                "The figures (requests, outcomes, response times, objections, disputes) are "
                "computed from the requests and objections received in the year and shown on "
                "the page; write here what the figures cannot say."
            )
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("policy"),
                FieldPanel("implementation"),
                FieldPanel("constraints"),
                FieldPanel("recommendations"),
            ],
            heading=_("Narrative"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("policy"),
        index.SearchField("implementation"),
        index.SearchField("constraints"),
        index.SearchField("recommendations"),
        index.FilterField("year"),
    ]
    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = []


class ServiceStatisticsPage(Page):
    """Public statistics of the information service for a year (`?year=`, this year unless
    given): charts with their numbers, aggregates only."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    class Meta:
        verbose_name = _("service statistics page")
        verbose_name_plural = _("service statistics pages")

    def chosen_year(self, request):
        """The year asked for, or None when the request names no year this page can show."""
        this_year = timezone.localdate().year
        value = request.GET.get("year", "")
        if not value:
            return this_year
        if not value.isdigit() or not FIRST_REPORT_YEAR <= int(value) <= this_year:
            return None
        return int(value)

    def serve(self, request, *args, **kwargs):
        year = self.chosen_year(request)
        if year is not None:
            return super().serve(request, *args, year=year, **kwargs)
        this_year = timezone.localdate().year
        error = _("Choose a year from %(first)s to %(last)s.") % {
            "first": FIRST_REPORT_YEAR,
            "last": this_year,
        }
        response = super().serve(request, *args, year=this_year, year_error=error, **kwargs)
        response.status_code = 400
        return response

    def get_context(self, request, *args, year=None, year_error="", **kwargs):
        from information_requests.service_figures import load_figures
        from information_requests.service_report import published_minimum
        from information_requests.statistics import satisfaction_summary, statistics_charts

        context = super().get_context(request, *args, **kwargs)
        this_year = timezone.localdate().year
        figures = load_figures(year or this_year)
        context.update(
            year=figures.year,
            year_error=year_error,
            years=range(this_year, FIRST_REPORT_YEAR - 1, -1),
            figures=figures,
            charts=statistics_charts(figures),
            satisfaction=satisfaction_summary(figures.satisfaction, published_minimum()),
            published_minimum=published_minimum(),
        )
        return context

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = []
    max_count = 1
