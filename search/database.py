"""The search answered by Wagtail's database backend: the default set-up, and the degraded mode.

The matched pages are read once with the attributes every facet needs; filters and counts are
then plain Python over those rows, so facets combine exactly as with the engine.

Wagtail's PostgreSQL backend ranks every match of the whole table (its combined vectors use no
index), so on tens of thousands of pages a broad query takes seconds: only the best `MAX_MATCHES`
are counted and faceted, and the ranking query is cancelled after `SEARCH_DATABASE_TIMEOUT`.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import OperationalError, connection, transaction
from wagtail.models import Page

from ppid_docs.models import PPIDDocument
from search.errors import SearchTimedOut
from search.facets import PUBLICATION_MODELS, ContentKind
from search.results import SearchOutcome, describe, facet_from_counts, paginate
from search.snippets import marked_excerpt, marked_title

MAX_MATCHES = 300


@dataclass(frozen=True)
class FacetRow:
    """A matched page with its value for each facet."""

    pk: int
    values: dict


def facet_rows(page_ids):
    """FacetRows of `page_ids`, in their order: one query per publication model, plus one."""
    from ppid_docs.models import RegulationPage

    content_types = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type"))
    from django.contrib.contenttypes.models import ContentType

    kind_by_type = {
        ContentType.objects.get_for_model(model).pk: kind
        for kind, model in ContentKind.BY_VALUE.items()
    }
    values = {
        pk: {"type": kind_by_type.get(content_type, ContentKind.OTHER)}
        for pk, content_type in content_types.items()
    }
    for model in PUBLICATION_MODELS:
        queryset = model.objects.filter(pk__in=page_ids)
        fields = ["pk", "category", "year", "agency__slug"]
        if model is RegulationPage:
            queryset = queryset.with_status()
            fields += ["regulation_type", "status"]
        for row in queryset.values(*fields):
            values[row["pk"]].update(
                category=row["category"],
                year=row["year"],
                agency=row["agency__slug"],
                regulation_type=row.get("regulation_type"),
                status=row.get("status"),
            )
    return [FacetRow(pk, values[pk]) for pk in page_ids if pk in values]


def row_matches(row, selected, except_facet=None):
    return all(
        str(row.values.get(name)) == str(value)
        for name, value in selected.items()
        if name != except_facet
    )


class DatabaseSearch:
    def __init__(self, backend, locale):
        self.backend = backend
        self.locale = locale

    def matching_ids(self, query, exclude_ids):
        """The best `MAX_MATCHES` matches, in order; `SearchTimedOut` past the time limit."""
        from search.engine import exact_lookup_ids

        pages = Page.objects.live().public().filter(locale=self.locale).exclude(pk__in=exclude_ids)
        try:
            with statement_timeout(settings.SEARCH_DATABASE_TIMEOUT):
                found = [page.pk for page in self.backend.search(query, pages)[:MAX_MATCHES]]
        except OperationalError as error:
            raise SearchTimedOut from error
        exact = [pk for pk in exact_lookup_ids(query, self.locale) if pk not in exclude_ids]
        return exact + [pk for pk in found if pk not in exact]

    def run(self, request, exclude_ids=()):
        matches = self.matching_ids(request.query, exclude_ids)
        rows = facet_rows(matches)
        chosen = [row for row in rows if row_matches(row, request.selected)]
        facets = []
        for definition in request.facets:
            counts = {}
            for row in rows:
                if row_matches(row, request.selected, except_facet=definition.name):
                    value = row.values.get(definition.name)
                    if value is not None:
                        counts[value] = counts.get(value, 0) + 1
            facets.append(
                facet_from_counts(definition, counts, request.selected.get(definition.name))
            )
        hits_page = paginate(len(chosen), request.page)
        shown_ids = [row.pk for row in chosen[hits_page.start_index() - 1 : hits_page.end_index()]]
        by_pk = Page.objects.filter(pk__in=shown_ids).specific().in_bulk()
        pages = [by_pk[pk] for pk in shown_ids if pk in by_pk]
        attach_documents(pages)
        hits_page.object_list = describe(
            pages,
            {
                page.pk: {
                    "title": marked_title(page.title, request.query),
                    "snippet": marked_excerpt(snippet_source(page), request.query),
                }
                for page in pages
            },
        )
        capped = MAX_MATCHES if len(matches) >= MAX_MATCHES else None
        return SearchOutcome(request=request, hits=hits_page, facets=facets, capped=capped)


@contextmanager
def statement_timeout(seconds):
    """PostgreSQL gives up on a statement of this block after `seconds` (others: no limit)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [round(seconds * 1000)])
        yield


def attach_documents(pages):
    """Load the documents whose text the snippets are cut from in one query, not one per page."""
    ids = {getattr(page, "document_id", None) for page in pages} - {None}
    documents = PPIDDocument.objects.in_bulk(ids)
    for page in pages:
        if getattr(page, "document_id", None) in documents:
            page.document = documents[page.document_id]


def snippet_source(page):
    """The texts a database snippet is cut from, best first."""
    parts = [
        getattr(page, "summary", ""),
        getattr(page, "about", ""),
        page.document_text() if hasattr(page, "document_text") else "",
        page.search_description,
    ]
    return [part for part in parts if part]
