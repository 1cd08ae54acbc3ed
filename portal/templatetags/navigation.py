"""What every public page shows around its content: the main navigation, breadcrumbs, hreflang
links and the contact details in the footer.

The navigation and the contact details are the same on every page of a site and language, so they
are built once per content generation (see `portal.page_cache`) and then read from the cache: a
page render spends no query on them until an editor publishes something.
"""

from django import template
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from wagtail.models import Site

from portal import page_cache

register = template.Library()
CHROME_SECONDS = 3600


def cached_for_site(name, request, build):
    site = Site.find_for_request(request)
    if site is None:
        return build(None)
    generation = page_cache.generation_for(request)
    key = f"site-chrome:{name}:{site.pk}:{get_language()}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build(site)
        cache.set(key, value, CHROME_SECONDS)
    return value


def menu_items(site):
    if site is None:
        return []
    root = site.root_page.localized
    return [
        {"title": item.title, "url": item.url, "path": item.path}
        for item in root.get_children().live().public().in_menu()
    ]


def localized_home_url(site):
    return site.root_page.localized.url if site else "/"


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the active language."""
    return cached_for_site("home", context["request"], localized_home_url)


@register.simple_tag(takes_context=True)
def view_url(context):
    """A page that is not a Wagtail page (the search, the request form) at its address in the
    active language, with the same query string. Views whose address holds values (a tracking
    number and its secret token) and error pages lead to the home page instead."""
    request = context["request"]
    match = request.resolver_match
    if match is None or match.args or match.kwargs:
        return home_url(context)
    try:
        path = reverse(match.view_name)
    except NoReverseMatch:
        return home_url(context)
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's children ticked "Show in menus", in the visitor's language."""
    current_path = getattr(context.get("page"), "path", "")
    items = []
    for item in cached_for_site("menu", context["request"], menu_items):
        # aria-current: "page" on the page itself, "true" on the section it lies in.
        if current_path == item["path"]:
            current = "page"
        elif current_path.startswith(item["path"]):
            current = "true"
        else:
            current = ""
        items.append((item, current))
    return {"items": items}


def contact_fields(site):
    from portal.models import ContactSettings

    # Read, never created: a GET must not write (Wagtail's `for_site` would insert a row).
    contact = ContactSettings.objects.filter(site=site).first() if site else None
    if contact is None:
        return {}
    fields = ("office_name", "address", "phone", "email", "service_hours")
    return {field: getattr(contact, field) for field in fields}


@register.simple_tag(takes_context=True)
def contact_details(context):
    return cached_for_site("contact", context["request"], contact_fields)


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
