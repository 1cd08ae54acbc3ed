from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock, QuickLinkBlock
from portal.path_routing import route_path
from search.analysis import HIGHLIGHTED

LATEST_PER_SECTION = 3

LATEST_NEWS_COUNT = 4


class HomePage(Page):
    """The root of each language's site."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        help_text=_("What visitors come for most: requesting information, tracking a request…"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from information_requests.models import InformationRequest
        from news.models import NewsIndexPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_publications"] = self.latest_publications()
        context["latest_news"] = NewsPage.objects.descendant_of(self).latest(
            LATEST_NEWS_COUNT, locale=self.locale
        )
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().public().first()
        context["service_year"] = year = timezone.localdate().year
        context["service_figures"] = InformationRequest.objects.service_figures(year)
        return context

    def route(self, request, path_components):
        # The site root resolves the whole path in one query (Wagtail asks two per level).
        if not path_components:
            return super().route(request, path_components)
        return route_path(self, request, path_components)

    def latest_publications(self):
        """Each publication list under this page with its newest items: one query per list."""
        from ppid_docs.models.indexes import PublicationIndexPage

        sections = []
        # Only the lists' own types are fetched specific, not every child's.
        lists = self.get_children().live().public().type(PublicationIndexPage).specific()
        for index_page in lists:
            items = index_page.listing_queryset().order_by(
                F("first_published_at").desc(nulls_last=True), "-pk"
            )
            sections.append((index_page, list(items[:LATEST_PER_SECTION])))
        return sections

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("quick_links"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", **HIGHLIGHTED),
        index.SearchField("body", **HIGHLIGHTED),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1


class ContentPage(Page):
    """A general page: the PPID profile, procedures, the service charter and the like."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown in listings.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
