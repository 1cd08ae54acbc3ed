"""What a search answers, whichever backend found it: hits described alike, facets with counts."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ppid_docs.choices import RegulationStatus
from ppid_docs.listing import Facet, FacetOption
from ppid_docs.models import Agency, RegulationPage
from search.facets import ContentKind

RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 40


@dataclass
class SearchHit:
    page: object  # the specific page
    title: str  # safe HTML, matched words in <mark>
    snippet: str  # safe HTML, matched words in <mark>
    kind: str
    agency: Agency | None
    year: int | None
    category: str | None
    status: str | None


@dataclass
class SearchOutcome:
    request: object  # search.request.SearchRequest
    hits: object  # a paginator page whose object_list is the SearchHits
    facets: list
    degraded: bool = False  # the engine was down: the database answered
    capped: int | None = None  # only this many best matches were counted (the database's limit)


def paginate(total, page_number):
    """A paginator page for `total` hits; the caller fills `object_list` with that page's hits."""
    page = Paginator(range(total), RESULTS_PER_PAGE).get_page(page_number)
    return page


def describe(pages, highlights=None):
    """SearchHits for specific pages, with the engine's highlights when it gave some.

    `highlights` maps a page's pk to {"title": html, "snippet": html}.
    """
    highlights = highlights or {}
    agency_ids = {getattr(page, "agency_id", None) for page in pages} - {None}
    agencies = Agency.objects.in_bulk(agency_ids)
    statuses = regulation_statuses(pages)
    hits = []
    for page in pages:
        marked = highlights.get(page.pk, {})
        status = statuses.get(page.pk)
        hits.append(
            SearchHit(
                page=page,
                # Engine highlights and our excerpts are escaped HTML with <mark> only.
                title=mark_safe(marked.get("title") or escape(page.title)),
                snippet=mark_safe(marked.get("snippet") or escape(plain_summary(page))),
                kind=ContentKind.label_of(type(page)),
                agency=agencies.get(getattr(page, "agency_id", None)),
                year=getattr(page, "year", None),
                category=page.get_category_display() if hasattr(page, "category") else None,
                status=status.label if status else None,
            )
        )
    return hits


def regulation_statuses(pages):
    """Each regulation's status among `pages`, in one query (not one per regulation)."""
    ids = [page.pk for page in pages if isinstance(page, RegulationPage)]
    if not ids:
        return {}
    found = RegulationPage.objects.filter(pk__in=ids).with_status().values_list("pk", "status")
    return {pk: RegulationStatus(status) for pk, status in found}


def plain_summary(page):
    text = getattr(page, "summary", "") or page.search_description or ""
    return Truncator(text).words(SNIPPET_WORDS)


def facet_from_counts(definition, counts, selected):
    """A Facet listing every value with hits (all of them, not a top 10), and the chosen one."""
    selected = None if selected is None else str(selected)
    counts = {str(value): count for value, count in counts.items() if count}
    choices = definition.labelled_choices()
    if choices is None:
        values = sorted(set(counts) | ({selected} if selected else set()), reverse=True)
        labelled = [(value, value) for value in values]
    else:
        labelled = [(str(value), str(label)) for value, label in choices]
    return Facet(
        definition.name,
        str(definition.label),
        [
            FacetOption(value, label, counts.get(value, 0), value == selected)
            for value, label in labelled
            if counts.get(value) or value == selected
        ],
    )
