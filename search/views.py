from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from search.engine import run_search
from search.request import SearchRequest


def promoted_pages(query, locale):
    """Editors' picks for this query in this language, in their order, live and public only."""
    if not query:
        return []
    picks = list(Query.get(query).editors_picks.select_related("page").order_by("sort_order"))
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
        outcome = run_search(
            search_request, locale, exclude_ids=[pick.page_id for pick in promotions]
        )
        context.update(
            outcome=outcome,
            promotions=promotions if search_request.page == 1 else [],
            degraded_notice=_(
                "The search engine is unavailable: these results come from a simpler search "
                "and may be less complete."
            )
            if outcome.degraded
            else None,
        )
    return render(request, "search/search.html", context)
