"""What every published item shares: its agency, UU KIP category and the DIP columns."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from ppid_docs.choices import DocumentForm, InformationCategory
from ppid_docs.serializers import AgencyField
from search.analysis import HIGHLIGHTED


class PublicationPage(Page):
    """Abstract base of regulation, financial report, work plan and public information pages."""

    agency = models.ForeignKey(
        "ppid_docs.Agency",
        verbose_name=_("agency"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Taken from the agency section the page is published in."),
    )
    category = models.CharField(
        _("information category"), max_length=20, choices=InformationCategory.choices
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    summary = models.TextField(_("summary"), help_text=_("A short summary of the content (DIP)."))
    document = models.ForeignKey(
        "ppid_docs.PPIDDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The Daftar Informasi Publik columns (Perki 1/2021).
    produced_on = models.DateField(_("date produced"), null=True, blank=True)
    produced_at = models.CharField(_("place produced"), max_length=100, default="Bandar Lampung")
    holder = models.CharField(_("unit or official holding it"), max_length=255, blank=True)
    responsible_person = models.CharField(
        _("person responsible for producing it"), max_length=255, blank=True
    )
    document_form = models.CharField(
        _("form"), max_length=10, choices=DocumentForm.choices, default=DocumentForm.SOFTCOPY
    )
    retention_period = models.CharField(
        _("retention period"), max_length=100, blank=True, default="Permanen"
    )
    external_id = models.CharField(
        _("import identifier"),
        max_length=100,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The record's id in the file it was imported from."),
    )

    # Its page shows its content alone: fragments cached per generation (base.html).
    cache_fragments = True

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.path and self.agency_section() is None:
            raise ValidationError(_("Publish this page inside an agency's section."))

    def save(self, *args, **kwargs):
        section = self.agency_section()
        if section is not None:
            self.agency_id = section.agency_id
        return super().save(*args, **kwargs)

    def document_text(self):
        """The text extracted from the attached file, searched and highlighted with the page."""
        return self.document.extracted_text if self.document_id and self.document else ""

    def agency_section(self):
        from ppid_docs.models.agencies import AgencyPage

        if not self.path or self.depth is None or self.depth < 2:
            return None
        return AgencyPage.objects.ancestor_of(self).order_by("-depth").first()

    dip_panels = [
        MultiFieldPanel(
            [
                FieldPanel("produced_on"),
                FieldPanel("produced_at"),
                FieldPanel("holder"),
                FieldPanel("responsible_person"),
                FieldPanel("document_form"),
                FieldPanel("retention_period"),
            ],
            heading=_("Public information list (DIP)"),
        )
    ]
    api_fields = [
        APIField("agency", serializer=AgencyField()),
        APIField("category"),
        APIField("year"),
        APIField("summary"),
        APIField("document"),
        APIField("produced_on"),
        APIField("produced_at"),
        APIField("holder"),
        APIField("responsible_person"),
        APIField("document_form"),
        APIField("retention_period"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2, **HIGHLIGHTED),
        index.RelatedFields("agency", [index.SearchField("name"), index.SearchField("acronym")]),
        # A plain field, not a nested one: engines highlight it and copy it into `_all_text`.
        index.SearchField("document_text", **HIGHLIGHTED),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("agency_id"),
    ]
