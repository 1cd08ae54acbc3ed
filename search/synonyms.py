"""Synonyms editors manage, applied at search time only.

The index analyses text once with the Indonesian default analyzer; queries go through
`SEARCH_ANALYZER`, the same chain with a `synonym_graph` filter. Changing a synonym therefore needs
no reindex: the filter's rules are replaced on the open indexes (close, update settings, open: a
second or so without search, which the database fallback covers) and new indexes get them at
creation.
"""

import logging

from portal.page_cache import index_changed
from search.analysis import SYNONYM_FILTER, synonym_filter

logger = logging.getLogger(__name__)


def current_rules():
    from search.models import Synonym

    return [synonym.rule() for synonym in Synonym.objects.all()]


def synonym_index(index_class):
    """`index_class` creating its indexes with the editors' current synonyms."""

    class SynonymIndex(index_class):
        def put(self):
            settings = self.backend.settings
            analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
            analysis.setdefault("filter", {})[SYNONYM_FILTER] = synonym_filter(current_rules())
            super().put()

    SynonymIndex.__name__ = f"Synonym{index_class.__name__}"
    return SynonymIndex


def apply_synonyms(backend):
    """Replace the synonym rules of every existing index of `backend` without reindexing."""
    from wagtail.search.index import get_indexed_models

    body = {"analysis": {"filter": {SYNONYM_FILTER: synonym_filter(current_rules())}}}
    names = {backend.get_index_for_model(model).name for model in get_indexed_models()}
    for name in sorted(names):
        if not backend.es.indices.exists(index=name):
            continue
        backend.es.indices.close(index=name)
        try:
            if "opensearch" in backend.client_class.__module__:
                backend.es.indices.put_settings(index=name, body=body)
            else:
                backend.es.indices.put_settings(index=name, settings=body)
        finally:
            backend.es.indices.open(index=name)
            backend.es.cluster.health(index=name, wait_for_status="yellow")
    index_changed()  # searches answer with the new rules from now on
