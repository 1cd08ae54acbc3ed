"""Wagtail's database backend (the one of the default database's vendor), announcing its writes."""

from functools import cache

from modelsearch.backends.database import SearchBackend as vendor_backend

from search.backends import announcing_writes


@cache
def announcing(backend_class):
    return announcing_writes(backend_class)


def SearchBackend(params):  # Wagtail looks the backend up by this name
    return announcing(type(vendor_backend(params)))(params)
