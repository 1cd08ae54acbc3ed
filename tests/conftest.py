import os

import boto3
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from wagtail.models import Collection, Locale, Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from tests.portal.factories import HomePageFactory

RUNNING_IN_CI = os.environ.get("CI") == "true"


def require_service(name, available):
    """A missing service fails the run in CI and skips the test elsewhere (never silently)."""
    if available:
        return
    message = f"{name} is not configured: run the suite with `make test`, which starts it"
    if RUNNING_IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits count in the cache: every test starts with none of another's visits."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def search_backend(db):
    """The real search engine, with fresh indexes from Wagtail's mapping and our settings."""
    require_service("the search engine", settings.SEARCH_BACKEND != "database")
    backend = get_search_backend()
    reset_search_indexes(backend)
    yield backend
    drop_aliased_indexes(backend)
    backend.reset_indexes()


@pytest.fixture
def search_index(db):
    """The configured backend, whichever it is, with nothing left in it from other tests.

    After writing, call `refresh_indexes()`: an engine shows new documents only after a refresh.
    """
    backend = get_search_backend()
    if settings.SEARCH_BACKEND != "database":
        reset_search_indexes(backend)
    return backend


def reset_search_indexes(backend):
    """Empty indexes with every model's mapping in place, as `update_index` leaves them."""
    drop_aliased_indexes(backend)
    backend.reset_indexes()
    for model in get_indexed_models():
        backend.get_index_for_model(model).add_model(model)


def drop_aliased_indexes(backend):
    """Delete the indexes an atomic `update_index` put behind the index names (as aliases):
    resetting an index by its name cannot delete an alias."""
    names = {backend.get_index_for_model(model).name for model in get_indexed_models()}
    for name in sorted(names):
        index = backend.index_class(backend, name)
        if index.is_alias():
            for concrete in index.aliased_indices():
                concrete.delete()


def s3_client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
    )


@pytest.fixture(scope="session", autouse=True)
def _object_store_buckets():
    """With S3 storage configured, its buckets exist before any test saves a file."""
    if settings.STORAGE_BACKEND != "s3":
        return
    client = s3_client()
    existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
    for alias in ("default", "private"):
        bucket = settings.STORAGES[alias]["OPTIONS"]["bucket_name"]
        if bucket not in existing:
            client.create_bucket(Bucket=bucket)
            existing.add(bucket)


@pytest.fixture
def s3_storage():
    """The portal's default storage, required to be the real S3-compatible server."""
    require_service("the S3-compatible object store", settings.STORAGE_BACKEND == "s3")
    return storages["default"]


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def restore_wagtail_baseline():
    """A transactional test ends by emptying every table, including what Wagtail's data
    migrations put there (the default locale, the root page and collection): later transactional
    tests put them back. (Django's serialized rollback cannot: the flush recreates content types
    with new ids, which the serialized rows then collide with.)"""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def wagtail_baseline(transactional_db):
    restore_wagtail_baseline()


def install_home_page():
    """A published home page as the root of the default site, as in a real installation."""
    site = Site.objects.filter(is_default_site=True).first()
    parent = site.root_page.get_parent() if site else Page.get_first_root_node()
    home = HomePageFactory(parent=parent, title="PPID Provinsi Lampung")
    if site is None:  # emptied by a transactional test's flush (see restore_wagtail_baseline)
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def home_page(db):
    return install_home_page()
