"""Editors manage search synonyms under Settings."""

from wagtail import hooks

from search.admin_views import SynonymViewSet


@hooks.register("register_admin_viewset")
def register_search_viewsets():
    return SynonymViewSet("search_synonyms")
