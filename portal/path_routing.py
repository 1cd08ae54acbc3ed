"""Resolving a URL path under a site root in one query instead of two per path level.

Wagtail's `Page.route` fetches the child by slug, then its specific row, at every level. Here
the pages that could make up the path are fetched in one query, the chain is walked in memory,
and only the page that answers is made specific. Wagtail's semantics are kept: a page whose type
routes differently takes over with the rest of the path, a routable page's own sub-routes win
over its children, and only the final page must be live.
"""

from functools import cache

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

STEPLEN = Page.steplen
MAX_DEPTH = Page._meta.get_field("path").max_length // STEPLEN

PLAIN, ROUTABLE, OWN = "plain", "routable", "own"


@cache
def route_kind(page_class):
    """PLAIN: Wagtail's child-by-slug walk; ROUTABLE: sub-routes first, then that walk;
    OWN: some other `route()`, which must be called."""
    if page_class.route is Page.route:
        return PLAIN
    if (
        page_class.route is RoutablePageMixin.route
        and page_class.resolve_subpage is RoutablePageMixin.resolve_subpage
        and _next_route(page_class, RoutablePageMixin) is Page.route
    ):
        return ROUTABLE
    return OWN


def _next_route(page_class, after):
    """The `route` that `super().route` reaches from class `after` in page_class's MRO."""
    mro = page_class.__mro__
    for klass in mro[mro.index(after) + 1 :]:
        if "route" in klass.__dict__:
            return klass.__dict__["route"]
    return None


def has_subpage_route(page_class, components):
    """Whether one of a routable page type's own routes answers these path components."""
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in components))
    except Http404:
        return False
    return True


def route_path(root, request, components):
    """What `root.route(request, components)` returns under Wagtail's walk, or Http404."""
    children = _candidates(root, components)
    page = root
    for index, slug in enumerate(components):
        child = children.get((page.path, slug))
        if child is None:
            raise Http404
        child._cached_parent_obj = page
        remaining = components[index + 1 :]
        kind = route_kind(child.specific_class)
        # A routable page checks its own sub-routes (when live) before its children.
        if kind is OWN or (
            kind is ROUTABLE and remaining and has_subpage_route(child.specific_class, remaining)
        ):
            return child.specific.route(request, remaining)
        page = child
    return page.specific.route(request, [])


def _candidates(root, components):
    """Pages under root at the depth and with the slug of some path component, keyed by
    (parent's tree path, slug). Of siblings sharing a slug, the first in tree order."""
    levels = components[: MAX_DEPTH - root.depth]
    if not levels:
        return {}
    matches = Q()
    for offset, slug in enumerate(levels, start=1):
        matches |= Q(depth=root.depth + offset, slug=slug)
    pages = Page.objects.filter(matches, path__startswith=root.path).order_by("path")
    children = {}
    for page in pages:
        children.setdefault((page.path[:-STEPLEN], page.slug), page)
    return children
