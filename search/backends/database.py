"""Wagtail's database backend (the one of the default database's vendor), announcing its writes."""

from functools import cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend

from search.backends import announcing_writes


@cache
def announcing_backend_class(vendor):
    """Wagtail picks the class by the database's vendor: looked up once, not on every call."""
    return announcing_writes(type(vendor_backend({})))


def SearchBackend(params):  # Wagtail looks the backend up by this name
    return announcing_backend_class(connection.vendor)(params)
