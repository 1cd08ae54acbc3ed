"""One filterable listing for every kind of publication, and for news.

Filters live in the query string (so every filtered list has a link and a feed), each filter shows
how many items each of its values would give (all filters counted in one query), invalid values
are answered 400 with a message, and the number of SQL queries does not grow with the list.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from portal.lazy_context import lazy
from portal.routing import subpage_url
from ppid_docs.choices import InformationCategory
from ppid_docs.feeds import ListingAtomFeed, ListingRssFeed

MIN_YEAR, MAX_YEAR = 1945, 2100


class Sort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")
    TITLE = "title", _("Title (A–Z)")


ORDERINGS = {
    Sort.NEWEST: ("-year", "-first_published_at", "-pk"),
    Sort.OLDEST: ("year", "first_published_at", "pk"),
    Sort.TITLE: (Lower("title"), "pk"),
}


@dataclass(frozen=True)
class ListingFilter:
    """A query-string parameter narrowing the list on one field; without choices, a year.

    `multiple`: an item may have several values (tags); its counts come from one conditional
    count per choice instead of grouping on the field.
    """

    name: str
    label: str
    lookup: str
    choices: tuple[tuple[str, str], ...] | None = None
    multiple: bool = False

    def form_field(self):
        if self.choices is None:
            return forms.IntegerField(
                label=self.label, required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
            )
        return forms.ChoiceField(label=self.label, required=False, choices=self.choices)

    def value_label(self, value):
        return str(value) if self.choices is None else dict(self.choices).get(value, value)

    def condition(self, value):
        return Q(**{self.lookup: value})

    @property
    def grouped(self):
        """Counted by grouping on `lookup` (one value per item)."""
        return not self.multiple

    def value_conditions(self):
        """(value, condition) per choice, for filters that are not grouped."""
        return [(str(value), self.condition(value)) for value, _label in self.choices]


@dataclass(frozen=True)
class ConditionFilter(ListingFilter):
    """A filter whose values stand for conditions rather than field values ("upcoming" events).

    `conditions` maps each value of `choices` to a Q object; `lookup` is not used.
    """

    conditions: dict[str, Q] | None = None

    def condition(self, value):
        return self.conditions[value]

    @property
    def grouped(self):
        return False

    def value_conditions(self):
        return list(self.conditions.items())


def facet_counts(query, queryset):
    """How many items each value of each filter gives, the visitor's other filters applied.

    One query, whatever the number of filters: the items are grouped on the grouped filters'
    fields, with conditional counts for the others (each with the other ones chosen applied), and
    each filter's counts are summed here from the groups that match the visitor's other choices.
    Returns {filter name: {value as text: count}}.
    """
    grouped = [item for item in query.filters if item.grouped]
    other = [item for item in query.filters if not item.grouped]

    def chosen_conditions(except_filter=None):
        conditions = [
            item.condition(query.selected[item.name])
            for item in other
            if item.name in query.selected and item is not except_filter
        ]
        return Q(*conditions)

    # Distinct: a filter across a many-valued relation joins one row per value.
    counts = {"facet_items": Count("pk", distinct=True, filter=chosen_conditions())}
    columns = {}
    for number, item in enumerate(other):
        chosen = chosen_conditions(except_filter=item)
        for position, (value, condition) in enumerate(item.value_conditions()):
            column = f"facet_{number}_{position}"
            columns[column] = (item.name, value)
            counts[column] = Count("pk", distinct=True, filter=condition & chosen)
    rows = queryset.order_by().values(*[item.lookup for item in grouped]).annotate(**counts)

    totals = {item.name: defaultdict(int) for item in query.filters}
    for row in rows:
        unmatched = [
            item
            for item in grouped
            if item.name in query.selected
            and str(row[item.lookup]) != str(query.selected[item.name])
        ]
        if len(unmatched) > 1:
            continue  # counts for none of the filters
        if unmatched:  # counts only for the filter it does not match
            grouped_here = unmatched
        else:
            grouped_here = grouped
            for column, (name, value) in columns.items():
                totals[name][value] += row[column]
        for item in grouped_here:
            if row[item.lookup] is not None:
                totals[item.name][str(row[item.lookup])] += row["facet_items"]
    return totals


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]


class ListingQuery:
    """The filters and sort a visitor asked for, validated; the invalid ones are reported."""

    def __init__(self, filters, data, orderings=ORDERINGS):
        self.filters = filters
        self.orderings = orderings
        form = forms.Form(data)
        for listing_filter in filters:
            form.fields[listing_filter.name] = listing_filter.form_field()
        form.fields["sort"] = forms.ChoiceField(
            label=_("Sort by"), required=False, choices=self.sort_options
        )
        form.is_valid()
        self.errors = [
            f"{form.fields[name].label}: {' '.join(messages)}"
            for name, messages in form.errors.items()
        ]
        cleaned = form.cleaned_data
        self.selected = {
            listing_filter.name: cleaned[listing_filter.name]
            for listing_filter in filters
            if cleaned.get(listing_filter.name) not in (None, "")
        }
        self.sort_given = bool(cleaned.get("sort"))
        self.sort = Sort(cleaned.get("sort") or Sort.NEWEST)

    @property
    def sort_options(self):
        return [(sort.value, sort.label) for sort in self.orderings]

    def apply(self, queryset, except_filter=None):
        conditions = [
            listing_filter.condition(self.selected[listing_filter.name])
            for listing_filter in self.filters
            if listing_filter.name in self.selected and listing_filter.name != except_filter
        ]
        return queryset.filter(*conditions)

    def ordered(self, queryset):
        return self.apply(queryset).order_by(*self.orderings[self.sort])

    @property
    def query_string(self):
        pairs = list(self.selected.items())
        if self.sort_given:
            pairs.append(("sort", self.sort.value))
        return urlencode(pairs)

    @property
    def is_filtered(self):
        return bool(self.selected) or self.sort_given

    def description(self):
        """The chosen values in words, e.g. "2024, Perda"."""
        return ", ".join(
            str(listing_filter.value_label(self.selected[listing_filter.name]))
            for listing_filter in self.filters
            if listing_filter.name in self.selected
        )


@dataclass(frozen=True)
class Listing:
    query: ListingQuery
    facets: list[Facet]
    items: object  # a Paginator page
    sort_options: list[tuple[str, str]]
    rss_url: str | None
    atom_url: str | None


class FilterableListingMixin(RoutablePageMixin):
    """A page listing live, public pages of one kind in the active language.

    Publications (ppid_docs) and news (news.models.NewsIndexPage) share it.
    """

    listing_model = None  # the page model listed, e.g. a PublicationPage subclass
    type_field = None  # the model's own type field, filtered as `type`
    listing_orderings = ORDERINGS  # Sort → order_by() arguments; Sort.NEWEST is the default
    listing_per_page = 20
    feed_size = 50
    # Its page shows the list alone: fragments cached per generation and URL (base.html).
    cache_fragments = True

    def listing_queryset(self):
        # The page's own language: the same as the visitor's, without a query for it.
        return (
            self.listing_model.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .select_related("agency")
        )

    def listing_filters(self):
        from ppid_docs.models.agencies import Agency

        type_field = self.listing_model._meta.get_field(self.type_field)
        agencies = tuple(Agency.objects.values_list("slug", "name"))
        return [
            ListingFilter("year", _("Year"), "year"),
            ListingFilter(
                "type",
                capfirst(type_field.verbose_name),
                self.type_field,
                tuple(type_field.choices),
            ),
            ListingFilter("agency", _("Agency"), "agency__slug", agencies),
            ListingFilter(
                "category",
                _("Information category"),
                "category",
                tuple(InformationCategory.choices),
            ),
        ]

    def describe_listing_item(self, item):
        """Set what the listing shows of an item beyond its own fields."""
        item.type_label = getattr(item, f"get_{self.type_field}_display")()

    def ordered_listing(self, query, queryset):
        """The items the visitor asked for, in the order asked for."""
        return query.ordered(queryset)

    def feed_item_categories(self, item):
        labels = [item.type_label, item.get_category_display()]
        if item.agency:
            labels.append(item.agency.name)
        return [str(label) for label in labels]

    def feed_item_date(self, item):
        return item.first_published_at

    def listing_query(self, request):
        return ListingQuery(self.listing_filters(), request.GET, self.listing_orderings)

    def listing(self, request):
        query = self.listing_query(request)
        base = self.listing_queryset()
        # Facets and items are lazy: when the cached content fragment is served, neither is read.
        return Listing(
            query=query,
            facets=lazy(self.facets, query, base),
            items=lazy(self.listing_page, query, base, request.GET.get("page")),
            sort_options=query.sort_options,
            rss_url=subpage_url(self, request, "feed_rss", query.query_string),
            atom_url=subpage_url(self, request, "feed_atom", query.query_string),
        )

    def facets(self, query, queryset):
        counts = facet_counts(query, queryset)
        return [
            self._facet(listing_filter, counts[listing_filter.name], query)
            for listing_filter in query.filters
        ]

    def listing_page(self, query, queryset, number):
        items = Paginator(self.ordered_listing(query, queryset), self.listing_per_page).get_page(
            number
        )
        items.object_list = list(items.object_list)
        for item in items.object_list:
            self.describe_listing_item(item)
        return items

    @path("")
    def index_route(self, request, *args, **kwargs):
        listing = self.listing(request)
        response = self.render(request, context_overrides={"listing": listing})
        if listing.query.errors:
            response.status_code = 400
        return response

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        return self._feed(request, ListingRssFeed)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        return self._feed(request, ListingAtomFeed)

    def _feed(self, request, feed_class):
        query = self.listing_query(request)
        if query.errors:
            return HttpResponse(
                "\n".join(query.errors), status=400, content_type="text/plain; charset=utf-8"
            )
        items = list(self.ordered_listing(query, self.listing_queryset())[: self.feed_size])
        for item in items:
            self.describe_listing_item(item)
        return feed_class(self, query, items)(request)

    @staticmethod
    def _facet(listing_filter, counts, query):
        selected = query.selected.get(listing_filter.name)
        selected = None if selected is None else str(selected)
        if listing_filter.choices is None:
            values = sorted(set(counts) | ({selected} if selected else set()), reverse=True)
            labelled = [(value, value) for value in values]
        else:
            labelled = [(str(value), str(label)) for value, label in listing_filter.choices]
        return Facet(
            listing_filter.name,
            str(listing_filter.label),
            [
                FacetOption(value, label, counts.get(value, 0), value == selected)
                for value, label in labelled
                if counts.get(value) or value == selected
            ],
        )
