"""Feeds for other systems to harvest: the JDIHN regulations feed at /api/jdihn/."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.api.v2.utils import BadRequestError

from ppid_docs.api_filters import parse_year, refuse_null_characters
from ppid_docs.jdihn import jdihn_record
from ppid_docs.models import RegulationPage
from ppid_docs.public import PublicPageCheck, public_pages

CACHE_SECONDS = 5 * 60


@require_safe
def jdihn_regulations(request):
    """Every public regulation in the site's own language, newest first; `?tahun=2024`: one year."""
    try:
        refuse_null_characters(request.GET)
        regulations = public_pages(request, RegulationPage).filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        if "tahun" in request.GET:
            regulations = regulations.filter(year=parse_year("tahun", request.GET["tahun"]))
    except BadRequestError as error:
        return JsonResponse({"message": str(error)}, status=400)
    regulations = (
        regulations.select_related("agency", "document")
        .prefetch_related("subjects")
        .with_changes()
        .order_by("-year", "-promulgated_on", "-pk")
    )
    public = PublicPageCheck()
    response = JsonResponse(
        [jdihn_record(regulation, request, public) for regulation in regulations],
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
