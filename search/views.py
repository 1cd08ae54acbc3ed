from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from search.engine import run_search
from search.errors import ENGINE_ERRORS, SearchTimedOut
from search.fallback import answered_by_database
from search.request import MAX_QUERY_LENGTH, SearchRequest


def promoted_pages(query, locale):
    """Editors' picks for this query in this language, in their order, live and public only.

    No write: Wagtail's `Query.get` would store every new search a visitor makes. Most searches
    have no pick, and cost one query.
    """
    if not query:
        return []
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query), page__isnull=False
        )
        .select_related("page")
        .order_by("sort_order")
    )
    if not picks:
        return []
    visible = set(
        Page.objects.live()
        .public()
        .filter(locale=locale, pk__in=[pick.page_id for pick in picks])
        .values_list("pk", flat=True)
    )
    return [pick for pick in picks if pick.page_id in visible]


def search(request):
    search_request = SearchRequest(request.GET)
    context = {"search_query": search_request.query, "search": search_request, "outcome": None}
    if not search_request.is_valid:
        return render(request, "search/search.html", context, status=400)
    if search_request.query:
        locale = Locale.get_active()
        promotions = promoted_pages(search_request.query, locale)
        try:
            outcome = run_search(
                search_request, locale, exclude_ids=[pick.page_id for pick in promotions]
            )
        except SearchTimedOut:
            context["notice"] = _(
                "This search took too long. Try more specific words, or search again later."
            )
            return render(request, "search/search.html", context, status=503)
        context.update(
            outcome=outcome,
            promotions=promotions if search_request.page == 1 else [],
            notice=_(
                "The search engine is unavailable: these results come from a simpler search "
                "and may be less complete."
            )
            if outcome.degraded
            else None,
        )
    response = render(request, "search/search.html", context)
    if context["outcome"] and context["outcome"].degraded:
        add_never_cache_headers(response)  # kept by no cache: the engine answers in full again
    return response


SUGGESTIONS = 8


def suggest(request):
    """Titles completing what was typed, for the search box (JSON: {"suggestions": [...]})."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return JsonResponse(
            {"error": _("Use at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH}},
            status=400,
        )
    titles = []
    if len(query) >= 2:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        try:
            found = get_search_backend().autocomplete(query, pages)[:SUGGESTIONS]
            titles = [{"title": page.title, "url": page.url} for page in found]
        except ENGINE_ERRORS:
            titles = []  # the resilient backend already fell back; nothing more to try
    response = JsonResponse({"suggestions": titles})
    if answered_by_database():
        add_never_cache_headers(response)
    else:
        response["Cache-Control"] = "public, max-age=60"
    return response
