"""The site's main navigation and breadcrumbs, both drawn from the page tree editors manage."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's children ticked "Show in menus", in the visitor's language."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return {"items": []}
    root = site.root_page.localized
    current_path = getattr(context.get("page"), "path", "")
    items = []
    for item in root.get_children().live().public().in_menu():
        # aria-current: "page" on the page itself, "true" on the section it lies in.
        if current_path == item.path:
            current = "page"
        elif current_path.startswith(item.path):
            current = "true"
        else:
            current = ""
        items.append((item, current))
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1).live(), "page": page}


@register.simple_tag
def page_translations(page):
    """The live translations of `page` with their locales, for hreflang links: one query."""
    return page.get_translations().live().select_related("locale")
