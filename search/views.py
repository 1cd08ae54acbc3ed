from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    error = None
    results_page = None
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Your search is too long: use at most %(limit)d characters.") % {
            "limit": MAX_QUERY_LENGTH
        }
        status = 400
    elif query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results_page, "error": error},
        status=status,
    )
