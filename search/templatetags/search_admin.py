from django import template
from django.utils.translation import gettext_lazy as _

from search.fallback import answered_by_database

register = template.Library()

FALLBACK_NOTICE = _(
    "The search engine is unavailable: these results come from the database and may be less "
    "complete or less well ordered. Changes saved meanwhile reach the search engine when it is "
    "back."
)


@register.inclusion_tag("search/admin/fallback_notice.html")
def search_fallback_notice():
    """A notice when the engine was down and the database answered this request's search."""
    return {"notice": FALLBACK_NOTICE if answered_by_database() else None}
