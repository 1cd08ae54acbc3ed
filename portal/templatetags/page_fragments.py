"""Parts of a page rendered once per content generation and then read from the cache.

`{% page_fragment "content" %}…{% endpage_fragment %}` in base.html wraps the page's head
metadata, header (language links, main navigation), breadcrumbs and content. It caches only on
pages that opt in with `cache_fragments = True`: pages whose output depends on their content and
the URL alone, never on the visitor. Each fragment is stored with the content generation of
`portal.page_cache`, which publishing anything moves on, so a render after a publication builds
every fragment afresh; the key holds the page, the language and the full path (filters, page
numbers). The first fragment of a render reads the generation and every fragment of the page in
one round trip. Such pages keep their costly context lazy (`portal.lazy_context`), so that a hit
also skips the queries behind it. This serves what the whole-page cache cannot: signed-in
editors, visitors with a session, pages rendered again after the page cache let them go.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from portal import page_cache

register = template.Library()
FRAGMENT_SECONDS = 3600
NAMES = set()  # every fragment name the templates use, filled as they are compiled


def fragment_key(name, page, request):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page-fragment:{name}:{page.pk}:{get_language()}:{address}"


def cached_fragments(page, request):
    """{name: html} of this page's current fragments, read once per request."""
    if not hasattr(request, "_page_fragments"):
        keys = {fragment_key(name, page, request): name for name in NAMES}
        found = cache.get_many([page_cache.GENERATION_KEY, *keys])
        generation = page_cache.current_generation(found.get(page_cache.GENERATION_KEY))
        request._page_generation = generation  # the site chrome needs it too
        stored = {keys[key]: value for key, value in found.items() if key in keys}
        request._page_fragments = {
            name: html for name, (made_in, html) in stored.items() if made_in == generation
        }
    return request._page_fragments


def shares_fragments(request, page):
    """Only a live page served at its address shares its fragments: an editor's preview (of a
    draft or an old revision) is rendered on its own, so it neither sees nor leaves a fragment."""
    return (
        request is not None
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and getattr(page, "cache_fragments", False)
        and page.live
    )


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if not shares_fragments(request, page):
            return self.nodelist.render(context)
        html = cached_fragments(page, request).get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            # A form's CSRF token is personal: a page that used one shares none of its fragments.
            if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                value = (page_cache.generation_for(request), html)
                cache.set(fragment_key(self.name, page, request), value, FRAGMENT_SECONDS)
        return html


@register.tag
def page_fragment(parser, token):
    """`{% page_fragment "name" %}…{% endpage_fragment %}`"""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    NAMES.add(bits[1][1:-1])
    return PageFragmentNode(bits[1][1:-1], nodelist)
