""" "Search first": published pages that may already answer what a requester is describing."""

import logging

from wagtail.models import Locale, Page

from ppid_docs.models.publication import PublicationPage

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 5
MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 3


def suggestable_pages():
    """Live, public publications of the active language: never a draft or a restricted page."""
    return Page.objects.live().public().filter(locale=Locale.get_active()).type(PublicationPage)


def suggest(query):
    """Up to five publications matching `query`, best first; none when the engine fails.

    Suggestions are a courtesy: an engine that is down or refuses the query must never keep a
    requester from filing the request.
    """
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        return []
    try:
        # "or": a request is a sentence, and a page matching some of its words is worth showing.
        results = suggestable_pages().specific().search(query, operator="or")[:MAX_SUGGESTIONS]
        return list(results)
    # Any engine error (connection, timeout, a query it refuses) means no suggestions.
    except Exception:
        logger.warning("Search-first suggestions unavailable for now", exc_info=True)
        return []
