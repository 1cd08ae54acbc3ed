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


@register.simple_tag(takes_context=True)
def include_overridden(context):
    """The template the current one overrides (the same name, next in the loaders), rendered here.

    For Wagtail templates with no block to extend: Django's `{% include %}` of the same name would
    find the override again.
    """
    current = context.render_context.template
    overridden, _origin = current.engine.find_template(
        current.origin.template_name, skip=[current.origin]
    )
    return overridden.render(context)
