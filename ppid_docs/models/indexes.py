"""The public lists: one filterable page per kind of publication, and the exempt register."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ppid_docs.choices import RegulationStatus
from ppid_docs.listing import FilterableListingMixin, ListingFilter
from ppid_docs.models.exemptions import ExemptionDecision
from ppid_docs.models.finance import FinancialReportPage
from ppid_docs.models.plans import WorkPlanPage
from ppid_docs.models.public_information import PublicInformationPage
from ppid_docs.models.regulations import RegulationPage


class PublicationIndexPage(FilterableListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    class Meta:
        abstract = True

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1


class RegulationIndexPage(PublicationIndexPage):
    listing_model = RegulationPage
    type_field = "regulation_type"

    class Meta:
        verbose_name = _("regulation list")

    def listing_queryset(self):
        return super().listing_queryset().with_status()

    def listing_filters(self):
        return super().listing_filters() + [
            ListingFilter("status", _("Status"), "status", tuple(RegulationStatus.choices))
        ]

    def describe_listing_item(self, item):
        super().describe_listing_item(item)
        # `with_status()` annotates the status computed in SQL.
        item.derived_status = RegulationStatus(item.status)


class FinancialReportIndexPage(PublicationIndexPage):
    listing_model = FinancialReportPage
    type_field = "report_type"

    class Meta:
        verbose_name = _("financial report list")


class WorkPlanIndexPage(PublicationIndexPage):
    listing_model = WorkPlanPage
    type_field = "plan_type"

    class Meta:
        verbose_name = _("work plan list")


class PublicInformationIndexPage(PublicationIndexPage):
    listing_model = PublicInformationPage
    type_field = "information_type"

    class Meta:
        verbose_name = _("public information list")


class ExemptRegisterPage(Page):
    """The register of exempt information (UU 14/2008 Pasal 17): what is withheld, why, how long."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    class Meta:
        verbose_name = _("exempt information register")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        decisions = ExemptionDecision.objects.select_related("agency", "consequence_test")
        in_force, expired = [], []
        for decision in decisions:
            (in_force if decision.is_in_force(today) else expired).append(decision)
        context.update(in_force=in_force, expired=expired)
        return context

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
