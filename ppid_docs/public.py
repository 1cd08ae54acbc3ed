"""What anyone may see, decided alike for every visitor so that answers can be cached publicly.

Wagtail's API lets a signed-in user see the restricted pages and collections they are allowed into;
the machine-readable endpoints leave every restricted item out instead, whoever asks.
"""

from django.db.models import Q
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction


def public_pages(request, model=Page):
    """Live pages of the request's site and its translations, outside every private section."""
    return get_public_pages_queryset(request, model).public()


def outside_restricted_collections(queryset):
    """Documents or images whose collection (or a parent collection) has no view restriction."""
    restricted = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(collection__path__startswith=path)
    return queryset.exclude(restricted) if restricted else queryset


class PublicPageCheck:
    """Tells whether an already loaded page is public, without a query per page.

    Used for pages reached through a relation (a regulation's amendments), which the public
    queryset did not filter.
    """

    def __init__(self):
        self.restricted_paths = tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )

    def __contains__(self, page):
        return page.live and not page.path.startswith(self.restricted_paths)
