"""Whole-response cache of public pages for anonymous visitors.

Every cached response is stamped with the *generation* number kept in the cache itself;
publishing, unpublishing, moving or deleting a page, or changing anything a page lists (documents,
images, agencies, settings, redirects, search promotions), moves the generation on, and every page
cached before is ignored from then on. A hit costs one round trip: the counter and the page are
read together. One counter instead of per-page dependencies: a listing, a
home page or a DIP shows items from all over the tree, and missing one dependency would leave a
stale page up; a PPID publishes a few times a day, so starting cold after each publication costs
little. With Redis as the cache (production) the counter and the pages are shared by every app
server, so a purge on one is a purge on all.

Only responses of routes listed in `CACHEABLE_ROUTES` are cached, and only when nothing in them
is personal: no session or message cookie on the request, no cookie set and no `Vary: Cookie` on
the response (Django adds it whenever a form's CSRF token or the session was used).

Searches (`INDEX_ROUTES`) answer from the search index, which follows the content later: the index
is written by a background task after the publication, and the engine shows a write only at its
next refresh. So every index write moves the generation on too (`index_changed`, called by the
search backends), and for `INDEX_SETTLE_SECONDS` after it searches are answered but not kept:
a search cached is one the index already answers in full. They are kept for
`SEARCH_CACHE_SECONDS` (shorter than pages: most searches are asked once).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import cc_delim_re
from wagtail.images.models import AbstractRendition
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

GENERATION_KEY = "page-cache:generation"
# Pages with their feeds and downloads, and the files that list them.
CACHEABLE_ROUTES = {
    "wagtail_serve",
    "page_download",
    "sitemap",
    "robots_txt",
    "search",
    "search_suggest",
}
INDEX_ROUTES = {"search", "search_suggest"}
SETTLES_KEY = "page-cache:index-settles-at"
# The engine's refresh interval (1 s), with a margin.
INDEX_SETTLE_SECONDS = 2
# Models whose rows end up on public pages, besides pages themselves.
CONTENT_APPS = {
    "portal",
    "ppid_docs",
    "news",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "wagtailsearchpromotions",
}
LONGEST_QUERY = 512


def current_generation(known=None):
    """The counter, read unless `known` (read along with something else) is given."""
    generation = known if known is not None else cache.get(GENERATION_KEY)
    if generation is None:
        # After an eviction or a restart, never fall back to a number used before.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def generation_for(request):
    """The counter, read once per request (several fragments and the site chrome need it)."""
    if not hasattr(request, "_page_generation"):
        request._page_generation = current_generation()
    return request._page_generation


def purge():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def index_changed():
    """A search index was written: searches answered so far are stale, and the ones answered in
    the next seconds may not see the write yet."""
    cache.set(SETTLES_KEY, time.time() + INDEX_SETTLE_SECONDS, timeout=INDEX_SETTLE_SECONDS + 1)
    purge()


def cache_key(request):
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    address = f"{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{digest}"


def request_is_anonymous_read(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= LONGEST_QUERY
    )


def route_of(request):
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


def response_is_public(request, response):
    route = route_of(request)
    varies_on = {header.lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    cache_control = response.get("Cache-Control", "")
    return (
        route in CACHEABLE_ROUTES
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in varies_on
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors from the cache; placed before the session middleware so that a
    hit touches neither the session nor the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not request_is_anonymous_read(request):
            return self.get_response(request)
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, SETTLES_KEY, key])
        generation = current_generation(found.get(GENERATION_KEY))
        cached_generation, cached = found.get(key, (None, None))
        if cached is not None and cached_generation == generation:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if response_is_public(request, response):
            if route_of(request) in INDEX_ROUTES:
                timeout = settings.SEARCH_CACHE_SECONDS
                if time.time() < found.get(SETTLES_KEY, 0):
                    timeout = 0  # the index may not show its last write yet
            if timeout:
                response["X-Page-Cache"] = "miss"
                cache.set(key, (generation, response), timeout)
        return response


def changes_public_content(model):
    if issubclass(model, AbstractRendition):
        return False  # made while pages render, and never change what a page says
    return issubclass(model, (Page, Site, Locale, PageViewRestriction)) or (
        model._meta.app_label in CONTENT_APPS
    )


def purge_when_content_changes(sender, **kwargs):
    if changes_public_content(sender):
        purge()
        # Again once committed: a render between the two read the old rows under the new number.
        transaction.on_commit(purge)


def purge_after_move(sender, **kwargs):
    purge()


def connect_signals():
    # Publishing and unpublishing save the page; a move only updates tree columns.
    post_page_move.connect(purge_after_move, dispatch_uid="page-cache-move")
    post_save.connect(purge_when_content_changes, dispatch_uid="page-cache-save")
    post_delete.connect(purge_when_content_changes, dispatch_uid="page-cache-delete")
