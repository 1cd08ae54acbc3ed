"""Readiness checks for the services the portal depends on; each returns (ok, detail)."""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def check_search():
    backend = get_search_backend()
    client = getattr(backend, "es", None)
    if client is None:
        return True, "database"
    info = client.info()
    version = info.get("version", {})
    return True, f"{version.get('distribution', 'elasticsearch')} {version.get('number', '?')}"


def check_storage():
    # A write, read and delete round trip: a reachable but read-only store is not healthy.
    storage = storages["default"]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name) as stored:
            if stored.read() != b"ok":
                return False, "read back different content"
    finally:
        storage.delete(name)
    return True, type(storage).__name__


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            return False, "read back a different value"
    finally:
        cache.delete(key)
    return True, type(cache).__name__


CHECKS = {
    "database": check_database,
    "search": check_search,
    "storage": check_storage,
    "cache": check_cache,
}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        try:
            ok, detail = check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready", never a 500
            logger.warning("health check %s failed: %s", name, type(error).__name__)
            ok, detail = False, type(error).__name__
        results[name] = {"ok": ok, "detail": detail}
    return results
