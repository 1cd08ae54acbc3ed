"""The public search: one entry point, the engine's query DSL when there is an engine, the
database otherwise, and the database again when the engine fails (`degraded`).

Wagtail's backends neither highlight nor aggregate more than ten values, so with an engine we send
one request of our own: the text query, the public/locale filters, one aggregation per facet
(each counted with the other facets applied: facets combine) and the highlights.
"""

import logging

from django.conf import settings
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from ppid_docs.models import Agency, FinancialReportPage, RegulationPage
from search.analysis import SEARCH_ANALYZER
from search.backends import FALLBACK_BACKEND
from search.database import DatabaseSearch
from search.errors import ENGINE_ERRORS
from search.facets import ContentKind
from search.lookups import RegulationLookup, parse_exact_lookup
from search.models import PendingIndexUpdate
from search.results import RESULTS_PER_PAGE, SearchOutcome, describe, facet_from_counts, paginate
from search.retry import retry_pending_index_updates

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["_all_text", "_all_text_boost_2_0^2", "_all_text_boost_3_0^3"]
# Highlighted page fields, in the order a snippet is taken from.
SNIPPET_FIELDS = ("*__summary", "*__about", "*__document_text", "*__body", "*__intro")
# Highlighted only for the hits whose summary and "tentang" did not match, in a second request:
# a PDF's text is the costliest field to highlight, and the snippet prefers those two.
DOCUMENT_TEXT = "*__document_text"
PREFERRED_FIELDS = SNIPPET_FIELDS[: SNIPPET_FIELDS.index(DOCUMENT_TEXT)]
# Few expansions from a shared first two letters: typos cost little next to the exact search.
FUZZY = {"fuzziness": "AUTO", "prefix_length": 2, "max_expansions": 10, "operator": "and"}
FACET_BUCKETS = 1000  # more than any facet has values: all of them are shown
EXACT_LOOKUP_BOOST = 1000


def uses_engine():
    return settings.SEARCH_BACKEND != "database"


def run_search(request, locale, exclude_ids=()):
    """Answer a valid `SearchRequest` in `locale`, leaving out `exclude_ids` (promoted pages)."""
    if uses_engine():
        try:
            outcome = EngineSearch(get_search_backend(), locale).run(request, exclude_ids)
        except ENGINE_ERRORS as error:
            logger.warning("Search engine unavailable (%s): the database answers", error)
            outcome = DatabaseSearch(get_search_backend(FALLBACK_BACKEND), locale).run(
                request, exclude_ids
            )
            outcome.degraded = True
            return outcome
        if PendingIndexUpdate.objects.exists():
            # The engine answers again: catch up with what it missed (cron does it too).
            retry_pending_index_updates.enqueue()
        return outcome
    return DatabaseSearch(get_search_backend(), locale).run(request, exclude_ids)


def exact_lookup_ids(query, locale):
    """Pages the query names by identity ("perda 8 2019"), to be put first."""
    lookup = parse_exact_lookup(query)
    if lookup is None:
        return []
    if isinstance(lookup, RegulationLookup):
        pages = RegulationPage.objects.filter(
            regulation_type=lookup.regulation_type, number__iexact=lookup.number, year=lookup.year
        )
    else:
        pages = FinancialReportPage.objects.filter(report_type=lookup.report_type, year=lookup.year)
    return list(pages.live().public().filter(locale=locale).values_list("pk", flat=True))


class EngineSearch:
    def __init__(self, backend, locale):
        self.backend = backend
        self.locale = locale
        self.index_name = backend.get_index_for_model(Page).name

    def column(self, model, field_name):
        """The engine's name of a model's FilterField (ppid_docs_regulationpage__year_filter)."""
        mapping = self.backend.mapping_class(model)
        for field in model.get_search_fields():
            if isinstance(field, index.FilterField) and field.field_name == field_name:
                return mapping.get_field_column_name(field)
        raise LookupError(f"{model.__name__} has no FilterField {field_name!r}")

    def send(self, body):
        # The engine's request cache keeps a search's matches and counts until the index next
        # changes: a search asked again (another visitor, a purged page cache) skips that work.
        if "opensearch" in self.backend.client_class.__module__:
            return self.backend.es.search(index=self.index_name, body=body, request_cache=True)
        return self.backend.es.search(index=self.index_name, request_cache=True, **body)

    # Query parts

    def text_query(self, query):
        analysed = {"query": query, "fields": TEXT_FIELDS, "analyzer": SEARCH_ANALYZER}
        fuzzy = {"multi_match": {"query": query, "fields": ["_all_text"], **FUZZY, "boost": 0.5}}
        return {
            "bool": {
                "should": [
                    {"multi_match": {**analysed, "operator": "and", "boost": 2}},
                    {"multi_match": {**analysed, "minimum_should_match": "2<75%"}},
                    {
                        "match_phrase": {
                            "_all_text_boost_2_0": {
                                "query": query,
                                "analyzer": SEARCH_ANALYZER,
                                "boost": 3,
                            }
                        }
                    },
                    # Typo tolerance: a misspelt word still finds, below the exact matches.
                    fuzzy,
                ],
                "minimum_should_match": 1,
            }
        }

    def public_filters(self):
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        return [
            {"term": {"live_filter": True}},
            {"term": {"locale_id_filter": self.locale.pk}},
            *[
                {"bool": {"must_not": {"prefix": {"path_filter": path}}}}
                for path in sorted(set(restricted))
            ],
        ]

    def facet_clause(self, definition, value):
        if definition.name == "type":
            if value == ContentKind.OTHER:
                return {"bool": {"must_not": {"terms": {"_django_content_type": KIND_TYPES}}}}
            return {
                "term": {"_django_content_type": content_type_name(ContentKind.BY_VALUE[value])}
            }
        if definition.name == "agency":
            agency = Agency.objects.filter(slug=value).values_list("pk", flat=True).first()
            value = -1 if agency is None else agency
        return {
            "bool": {
                "should": [
                    {"term": {self.column(model, definition.field): value}}
                    for model in definition.models
                ],
                "minimum_should_match": 1,
            }
        }

    def facet_aggregation(self, definition):
        if definition.name == "type":
            return {"types": {"terms": {"field": "_django_content_type", "size": FACET_BUCKETS}}}
        return {
            model._meta.model_name: {
                "terms": {"field": self.column(model, definition.field), "size": FACET_BUCKETS}
            }
            for model in definition.models
        }

    def facet_counts(self, definition, aggregation):
        if definition.name == "type":
            by_type = {b["key"]: b["doc_count"] for b in aggregation["types"]["buckets"]}
            counts = {
                kind: by_type.get(content_type_name(model), 0)
                for kind, model in ContentKind.BY_VALUE.items()
            }
            counts[ContentKind.OTHER] = aggregation["doc_count"] - sum(counts.values())
            return counts
        counts = {}
        for model in definition.models:
            for bucket in aggregation[model._meta.model_name]["buckets"]:
                key = bucket.get("key_as_string", bucket["key"])
                counts[key] = counts.get(key, 0) + bucket["doc_count"]
        if definition.name == "agency":
            slugs = dict(Agency.objects.filter(pk__in=counts).values_list("pk", "slug"))
            counts = {slugs[pk]: count for pk, count in counts.items() if pk in slugs}
        return counts

    def body(self, request, exclude_ids, start):
        chosen = {
            definition.name: self.facet_clause(definition, request.selected[definition.name])
            for definition in request.facets
            if definition.name in request.selected
        }
        text = self.text_query(request.query)
        exact_ids = [str(pk) for pk in exact_lookup_ids(request.query, self.locale)]
        should = [text]
        if exact_ids:
            should.append(
                {
                    "constant_score": {
                        "filter": {"ids": {"values": exact_ids}},
                        "boost": EXACT_LOOKUP_BOOST,
                    }
                }
            )
        return {
            "query": {
                "bool": {
                    "should": should,
                    "minimum_should_match": 1,
                    "filter": self.public_filters(),
                    "must_not": [{"ids": {"values": [str(pk) for pk in exclude_ids]}}],
                }
            },
            "post_filter": {"bool": {"filter": list(chosen.values())}},
            "aggs": {
                definition.name: {
                    "filter": {
                        "bool": {
                            "filter": [
                                clause for name, clause in chosen.items() if name != definition.name
                            ]
                        }
                    },
                    "aggs": self.facet_aggregation(definition),
                }
                for definition in request.facets
            },
            "highlight": highlight(
                request.query, [field for field in SNIPPET_FIELDS if field != DOCUMENT_TEXT]
            ),
            "_source": False,
            "track_total_hits": True,
            "from": start,
            "size": RESULTS_PER_PAGE,
        }

    def add_document_highlights(self, query, found):
        """Add the document text's fragment to the hits of `found` (id → highlighted fields)
        that none of the preferred fields marked, in one request for all of them."""
        wanted = [
            pk
            for pk, fields in found.items()
            if not any(matched(fields, pattern) for pattern in PREFERRED_FIELDS)
        ]
        if not wanted:
            return
        response = self.send(
            {
                "query": {"ids": {"values": wanted}},
                "highlight": highlight(query, [DOCUMENT_TEXT]),
                "_source": False,
                "size": len(wanted),
            }
        )
        for hit in response["hits"]["hits"]:
            found[hit["_id"]] = found[hit["_id"]] | hit.get("highlight", {})

    def run(self, request, exclude_ids=()):
        # The page number is checked against the total only after the answer: ask, then clamp.
        start = (request.page - 1) * RESULTS_PER_PAGE
        response = self.send(self.body(request, exclude_ids, start))
        total = response["hits"]["total"]["value"]
        hits_page = paginate(total, request.page)
        if hits_page.number != request.page and total:
            response = self.send(
                self.body(request, exclude_ids, (hits_page.number - 1) * RESULTS_PER_PAGE)
            )
        raw_hits = response["hits"]["hits"]
        found = {hit["_id"]: hit.get("highlight", {}) for hit in raw_hits}
        self.add_document_highlights(request.query, found)
        pages = Page.objects.filter(pk__in=list(found)).specific()
        by_pk = {str(page.pk): page for page in pages}
        ordered = [by_pk[hit["_id"]] for hit in raw_hits if hit["_id"] in by_pk]
        hits_page.object_list = describe(
            ordered, {int(pk): highlights_of(fields) for pk, fields in found.items()}
        )
        facets = [
            facet_from_counts(
                definition,
                self.facet_counts(definition, response["aggregations"][definition.name]),
                request.selected.get(definition.name),
            )
            for definition in request.facets
        ]
        return SearchOutcome(request=request, hits=hits_page, facets=facets)


def highlight(query, fields):
    """The highlighter's part of a request: the marked title and one fragment of each of `fields`.

    The words are marked as analysed for the search (stems, synonyms), not misspelt ones: a fuzzy
    query costs the highlighter its automata for every field of every hit, more than the search.
    """
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "require_field_match": False,
        "highlight_query": {"match": {"_all_text": {"query": query, "analyzer": SEARCH_ANALYZER}}},
        "fragment_size": 200,
        "number_of_fragments": 1,
        "fields": {"title": {"number_of_fragments": 0}} | {field: {} for field in fields},
    }


def content_type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


KIND_TYPES = [content_type_name(model) for model in ContentKind.BY_VALUE.values()]


def highlights_of(found):
    """{"title": html, "snippet": html} from a hit's highlighted fields (name → fragments)."""
    marked = {}
    if "title" in found:
        marked["title"] = found["title"][0]
    for pattern in SNIPPET_FIELDS:
        fragments = matched(found, pattern)
        if fragments:
            marked["snippet"] = "… " + fragments[0] + " …"
            break
    return marked


def matched(found, pattern):
    """The fragments of the field of `found` that `pattern` ("*__summary") names, if any."""
    suffix = pattern.lstrip("*")
    return next((fragments for field, fragments in found.items() if field.endswith(suffix)), None)
