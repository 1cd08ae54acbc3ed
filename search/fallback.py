"""Whether the database answered a search of the current request because the engine could not.

The resilient backends (search/backends/) mark it when they fall back; the admin's search results
read it to tell the editor (`{% search_fallback_notice %}` in the overrides of Wagtail's results
templates under templates/wagtailadmin/, wagtaildocs/ and wagtailsnippets/). It starts clear with
every request.
"""

from contextvars import ContextVar

_answered_by_database = ContextVar("answered_by_database", default=False)


def mark_answered_by_database():
    _answered_by_database.set(True)


def answered_by_database():
    return _answered_by_database.get()


def clear(**kwargs):
    """A `request_started` receiver: a new request has seen no fallback yet."""
    _answered_by_database.set(False)
