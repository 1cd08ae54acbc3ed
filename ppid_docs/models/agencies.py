from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Agency(index.Indexed, models.Model):
    """A perangkat daerah: it publishes information through its PPID Pelaksana."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    ppid_officer = models.CharField(
        _("PPID Pelaksana"),
        max_length=255,
        blank=True,
        help_text=_("The official serving as this agency's implementing PPID."),
    )
    ppid_email = models.EmailField(_("PPID e-mail"), blank=True)
    ppid_phone = models.CharField(_("PPID phone"), max_length=50, blank=True)
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("document collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        return self.acronym or self.name

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("ppid_officer"), FieldPanel("ppid_email"), FieldPanel("ppid_phone")],
            heading=_("PPID Pelaksana"),
        ),
        FieldPanel("collection"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
    ]


class AgencyIndexPage(Page):
    """Lists the agencies; each agency's section lives below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    class Meta:
        verbose_name = _("agency index")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["ppid_docs.AgencyPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agency_pages"] = (
            AgencyPage.objects.child_of(self).live().public().select_related("agency")
        )
        return context


class AgencyPage(Page):
    """An agency's own section: its editors may work only here and in its collection."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="pages"
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    class Meta:
        verbose_name = _("agency section")
        verbose_name_plural = _("agency sections")

    def get_context(self, request, *args, **kwargs):
        from ppid_docs.models import (
            FinancialReportPage,
            PublicInformationPage,
            RegulationPage,
            WorkPlanPage,
        )

        context = super().get_context(request, *args, **kwargs)
        context["publication_groups"] = [
            (
                model._meta.verbose_name_plural,
                model.objects.child_of(self).live().public().order_by("-year", "title"),
            )
            for model in (RegulationPage, FinancialReportPage, WorkPlanPage, PublicInformationPage)
        ]
        return context

    content_panels = Page.content_panels + [FieldPanel("agency"), FieldPanel("intro")]
    parent_page_types = ["ppid_docs.AgencyIndexPage"]
    subpage_types = [
        "ppid_docs.RegulationPage",
        "ppid_docs.FinancialReportPage",
        "ppid_docs.WorkPlanPage",
        "ppid_docs.PublicInformationPage",
    ]
