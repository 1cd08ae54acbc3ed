"""News: berita, pengumuman and agenda items, published under one news list per language."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from news.choices import EventTiming, NewsKind
from news.events import event_errors
from news.images import LISTING_RENDITIONS, prefetch_renditions
from portal.blocks import BodyBlock
from ppid_docs.listing import (
    ORDERINGS,
    ConditionFilter,
    FilterableListingMixin,
    ListingFilter,
    Sort,
)
from search.analysis import HIGHLIGHTED


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageQuerySet(PageQuerySet):
    def published_in(self, locale):
        """Live, public items of one language, with what lists show of them (constant queries)."""
        return (
            self.live()
            .public()
            .filter(locale=locale)
            .select_related("agency", "featured_image")
            .prefetch_related(
                "tags", prefetch_renditions("featured_image__renditions", LISTING_RENDITIONS)
            )
        )

    def newest_first(self):
        return self.order_by("-published_on", "-first_published_at", "-pk")

    def latest(self, count, locale):
        """The newest items for the home page: one query for the items, none per item."""
        return list(
            self.live()
            .public()
            .filter(locale=locale)
            .newest_first()
            .select_related("agency")[:count]
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsPage(Page):
    kind = models.CharField(
        _("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.BERITA
    )
    published_on = models.DateField(
        _("publication date"), default=timezone.localdate, db_index=True
    )
    summary = models.TextField(
        _("summary"), help_text=_("One to three sentences, shown in lists, feeds and at the top.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    featured_image = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "ppid_docs.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The agency the item comes from, if any."),
    )
    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_end = models.DateTimeField(_("event ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    external_id = models.CharField(
        _("import identifier"),
        max_length=100,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The record's id in the file it was imported from."),
    )

    objects = NewsPageManager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        errors = event_errors(self.kind, self.event_start, self.event_end, self.location)
        if errors:
            raise ValidationError(errors)

    @property
    def is_event(self):
        return self.kind == NewsKind.AGENDA

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("published_on")]),
        FieldPanel("summary"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldPanel("location"),
            ],
            heading=_("Event (agenda items only)"),
        ),
        FieldPanel("agency"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2, **HIGHLIGHTED),
        index.SearchField("body", **HIGHLIGHTED),
        index.SearchField("location"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("agency", [index.SearchField("name"), index.SearchField("acronym")]),
        index.FilterField("kind"),
        index.FilterField("published_on"),
        index.FilterField("agency_id"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []


class NewsIndexPage(FilterableListingMixin, Page):
    """The news list: filters in the URL, newest first, a feed per filter."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    listing_model = NewsPage
    type_field = "kind"
    listing_orderings = {
        Sort.NEWEST: ("-published_on", "-first_published_at", "-pk"),
        Sort.OLDEST: ("published_on", "first_published_at", "pk"),
        Sort.TITLE: ORDERINGS[Sort.TITLE],
    }
    listing_per_page = 12

    class Meta:
        verbose_name = _("news list")

    def listing_queryset(self):
        return NewsPage.objects.child_of(self).published_in(self.locale_id)

    def listing_filters(self):
        from ppid_docs.models import Agency

        now = timezone.now()
        agenda = Q(kind=NewsKind.AGENDA)
        still_on = Q(event_end__gte=now) | Q(event_end__isnull=True, event_start__gte=now)
        return [
            ListingFilter("kind", _("Kind"), "kind", tuple(NewsKind.choices)),
            ListingFilter("year", _("Year"), "published_on__year"),
            ListingFilter("tag", _("Tag"), "tags__slug", self.tag_choices(), multiple=True),
            ListingFilter(
                "agency",
                _("Agency"),
                "agency__slug",
                tuple(Agency.objects.values_list("slug", "name")),
            ),
            ConditionFilter(
                "when",
                _("Events"),
                "",
                tuple(EventTiming.choices),
                conditions={
                    EventTiming.UPCOMING: agenda & still_on,
                    EventTiming.PAST: agenda & ~still_on & Q(event_start__isnull=False),
                },
            ),
        ]

    def tag_choices(self):
        """The tags of this language's news items, by name."""
        return tuple(
            Tag.objects.filter(news_newspagetag_items__content_object__locale=self.locale_id)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )

    def ordered_listing(self, query, queryset):
        # Upcoming events read best soonest first, unless the visitor chose an order.
        if query.selected.get("when") == EventTiming.UPCOMING and not query.sort_given:
            return query.apply(queryset).order_by("event_start", "pk")
        return super().ordered_listing(query, queryset)

    def feed_item_categories(self, item):
        labels = [item.type_label, *(tag.name for tag in item.tags.all())]
        if item.agency:
            labels.append(item.agency.name)
        return [str(label) for label in labels]

    def feed_item_date(self, item):
        """Midnight (site time) of the publication date, or the moment it went live that day."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.published_on:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time()))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
