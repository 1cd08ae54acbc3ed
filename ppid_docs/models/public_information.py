from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from ppid_docs.choices import PublicInformationType
from ppid_docs.models.publication import PublicationPage
from search.analysis import HIGHLIGHTED


class PublicInformationPage(PublicationPage):
    """Everything else the law asks to publish: SOPs, charters, procurement, statistics…"""

    information_type = models.CharField(
        _("type"), max_length=20, choices=PublicInformationType.choices, db_index=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        verbose_name = _("public information")
        verbose_name_plural = _("public information")

    content_panels = PublicationPage.content_panels + [
        FieldRowPanel([FieldPanel("information_type"), FieldPanel("year")]),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        *PublicationPage.dip_panels,
    ]
    api_fields = PublicationPage.api_fields + [APIField("information_type"), APIField("body")]
    search_fields = PublicationPage.search_fields + [
        index.SearchField("body", **HIGHLIGHTED),
        index.FilterField("information_type"),
    ]
    parent_page_types = ["ppid_docs.AgencyPage"]
    subpage_types = []
