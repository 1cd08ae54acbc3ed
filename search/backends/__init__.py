"""The engine backends Wagtail talks to, made resilient to an engine that is down.

Each module here exposes `SearchBackend`: Wagtail's own backend for that engine with two additions.

- A search that cannot reach the engine (refused, timed out, 5xx) is answered by the database
  backend (the settings' `database` entry, kept current alongside the engine), so the admin's own
  searches keep working and say so (`search.fallback`); `search.engine` does the same for the
  public search.
- An index write that fails is recorded as a `PendingIndexUpdate`, replayed by
  `manage.py retry_search_updates` once the engine is back: no update is lost.

Every backend, the database's too (`search.backends.database`), tells the page cache when it
wrote to an index (`announcing_writes`): cached searches are stale from then on.
"""

import logging

from modelsearch.backends import get_search_backend

from portal.page_cache import index_changed
from search.errors import ENGINE_ERRORS
from search.fallback import mark_answered_by_database
from search.synonyms import synonym_index

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"


def fallback_backend():
    return get_search_backend(FALLBACK_BACKEND)


def fallback_results(results):
    """The same search, limits included, answered by the database backend."""
    mark_answered_by_database()
    compiler = results.query_compiler
    backend = fallback_backend()
    is_autocomplete = isinstance(compiler, results.backend.autocomplete_query_compiler_class)
    method = backend.autocomplete if is_autocomplete else backend.search
    answer = method(
        compiler.query,
        compiler.queryset,
        fields=compiler.fields,
        operator=getattr(compiler, "operator", None),
        order_by_relevance=compiler.order_by_relevance,
    )
    if results.stop is not None:
        return answer[results.start : results.stop]
    return answer[results.start :]


def resilient_results(results_class):
    class ResilientSearchResults(results_class):
        def _do_search(self):
            try:
                # Fully read here: a generator would raise only once the caller iterates.
                return list(super()._do_search())
            except ENGINE_ERRORS:
                logger.warning("Search engine unavailable: answering from the database")
                return list(fallback_results(self))

        def _do_count(self):
            try:
                return super()._do_count()
            except ENGINE_ERRORS:
                return fallback_results(self).count()

        def facet(self, field_name):
            # Wagtail's admin page search counts results per page type this way.
            try:
                return super().facet(field_name)
            except ENGINE_ERRORS:
                return fallback_results(self).facet(field_name)

    ResilientSearchResults.__name__ = f"Resilient{results_class.__name__}"
    return ResilientSearchResults


def announcing_writes(backend_class):
    """`backend_class` telling the page cache (`index_changed`) after each index write."""

    class AnnouncingSearchBackend(backend_class):
        def add(self, obj):
            super().add(obj)
            index_changed()

        def add_bulk(self, model, obj_list):
            super().add_bulk(model, obj_list)
            index_changed()

        def delete(self, obj):
            super().delete(obj)
            index_changed()

    AnnouncingSearchBackend.__name__ = f"Announcing{backend_class.__name__}"
    return AnnouncingSearchBackend


def resilient(backend_class):
    """`backend_class` with database fallback for searches and recorded failed index writes."""

    class ResilientSearchBackend(announcing_writes(backend_class)):
        results_class = resilient_results(backend_class.results_class)
        index_class = synonym_index(backend_class.index_class)

        def add(self, obj):
            try:
                super().add(obj)
            except ENGINE_ERRORS as error:
                record_failed_update(obj, error)
                raise

        def delete(self, obj):
            try:
                super().delete(obj)
            except ENGINE_ERRORS as error:
                record_failed_update(obj, error)
                raise

    ResilientSearchBackend.__name__ = f"Resilient{backend_class.__name__}"
    return ResilientSearchBackend


def record_failed_update(obj, error):
    from search.models import PendingIndexUpdate

    PendingIndexUpdate.record(obj, error)
