"""RSS and Atom feeds of a filtered list (Django's syndication framework).

The listing page (`FilterableListingMixin`) says which date and categories each item has.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _


class ListingRssFeed(Feed):
    """Built per request for one listing page and the filters asked for."""

    feed_type = Rss201rev2Feed

    def __init__(self, page, query, items):
        super().__init__()
        self.page = page
        self.query = query
        self.feed_items = items
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def title(self):
        chosen = self.query.description()
        return f"{self.page.title}: {chosen}" if chosen else self.page.title

    def link(self):
        url = self.page.get_full_url(self.request)
        query_string = self.query.query_string
        return f"{url}?{query_string}" if query_string else url

    def feed_url(self):
        return self.request.get_full_path()

    def description(self):
        intro = strip_tags(getattr(self.page, "intro", "") or "").strip()
        return intro or _("The latest items published on this list.")

    def items(self):
        return self.feed_items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return self.page.feed_item_date(item)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return self.page.feed_item_categories(item)


class ListingAtomFeed(ListingRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
