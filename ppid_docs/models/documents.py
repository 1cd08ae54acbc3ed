from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from ppid_docs.choices import InformationCategory


class TextExtraction(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    NO_TEXT = "no_text", _("No text found (scanned image?)")
    FAILED = "failed", _("Could not be read (damaged or encrypted)")
    NOT_APPLICABLE = "not_applicable", _("Not a PDF")


class PPIDDocument(AbstractDocument):
    """A published file (regulation text, report, plan) with the metadata the law asks for."""

    description = models.TextField(_("description"), blank=True)
    agency = models.ForeignKey(
        "ppid_docs.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=InformationCategory.choices,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    text_extraction = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=TextExtraction.choices,
        default=TextExtraction.PENDING,
        editable=False,
    )
    text_extraction_error = models.CharField(
        _("text extraction problem"), max_length=255, blank=True, editable=False
    )
    external_id = models.CharField(
        _("import identifier"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("The record's id in the file it was imported from."),
    )

    class Meta(AbstractDocument.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_document_external_id",
            )
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    admin_form_fields = Document.admin_form_fields + ("description", "agency", "category", "year")
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.FilterField("agency_id"),
        index.FilterField("category"),
        index.FilterField("year"),
    ]
