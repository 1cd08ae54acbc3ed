"""Helpers for pages that answer more than one URL (Wagtail's RoutablePageMixin)."""

import re

from wagtail.contrib.routable_page.models import re_path

DOWNLOAD_EXTENSIONS = ("csv", "xlsx", "pdf")


def download_route(filename, name):
    """A route for a file download such as `figures.csv`, with or without a trailing slash.

    Wagtail's own URL pattern has no room for a dot; `portal.urls` sends such paths to the page.
    """
    return re_path(rf"^{re.escape(filename)}/?$", name=name)


def subpage_url(page, request, name, query_string=""):
    """The URL of one of the page's routes; None while the page has none (new page preview)."""
    page_url = page.get_url(request)
    if page_url is None:
        return None
    url = page_url + page.reverse_subpage(name)
    return f"{url}?{query_string}" if query_string else url
