"""Read deployment settings from environment variables.

Each function turns a handful of variables into the Django setting that needs them, so the settings
modules stay declarative and every variable is documented in one place (README, "Environment").
"""

import os

from django.core.exceptions import ImproperlyConfigured

from search.analysis import INDONESIAN_INDEX_SETTINGS

DATABASE_SEARCH_BACKEND = "search.backends.database"
# Wagtail's engine backends, made resilient (search/backends/): they fall back to the database
# backend when the engine is down and record the index updates that failed meanwhile.
SEARCH_BACKEND_MODULES = {
    "database": DATABASE_SEARCH_BACKEND,
    "opensearch": "search.backends.opensearch3",
    "opensearch2": "search.backends.opensearch2",
    "opensearch3": "search.backends.opensearch3",
    # The 8.x client talks to Elasticsearch 8 and 9 servers alike.
    "elasticsearch": "search.backends.elasticsearch8",
    "elasticsearch8": "search.backends.elasticsearch8",
    "elasticsearch9": "search.backends.elasticsearch9",
}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from error


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def require(names):
    """Fail fast, naming every missing variable at once."""
    missing = [name for name in names if not env_str(name)]
    if missing:
        raise ImproperlyConfigured(
            "Missing required environment variable(s): "
            + ", ".join(missing)
            + ". See README.md, section 'Environment'."
        )


def search_backends(kind, urls, index_prefix, timeout, replicas=None):
    if kind not in SEARCH_BACKEND_MODULES:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={kind!r} is not one of: " + ", ".join(sorted(SEARCH_BACKEND_MODULES))
        )
    backend = {"BACKEND": SEARCH_BACKEND_MODULES[kind]}
    if kind != "database":
        if not urls:
            raise ImproperlyConfigured(f"SEARCH_BACKEND={kind!r} needs SEARCH_URLS.")
        backend.update(
            {
                "URLS": urls,
                "INDEX_PREFIX": index_prefix,
                "TIMEOUT": timeout,
                "INDEX_SETTINGS": index_settings(replicas),
                # update_index fills a new index, then moves the alias: searches never see a
                # half-built index (Wagtail's default, stated because the portal relies on it).
                "ATOMIC_REBUILD": True,
            }
        )
        # Kept current alongside the engine (AUTO_UPDATE): it answers while the engine is down.
        return {"default": backend, "database": {"BACKEND": DATABASE_SEARCH_BACKEND}}
    return {"default": backend}


def index_settings(replicas):
    if replicas is None:
        return INDONESIAN_INDEX_SETTINGS
    return {
        "settings": {
            **INDONESIAN_INDEX_SETTINGS["settings"],
            "index": {"number_of_replicas": replicas},
        }
    }


def storages(kind, media_root, private_media_root, static_backend="StaticFilesStorage"):
    """Public media (documents, images) and private files (identity documents) kept apart.

    Static files always stay on the app servers' disk (the proxy serves them), whatever the media.
    """
    static = {"BACKEND": f"django.contrib.staticfiles.storage.{static_backend}"}
    if kind == "local":
        return {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": media_root},
            },
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                # Outside MEDIA_ROOT and without base_url: nothing here is ever served directly.
                "OPTIONS": {"location": private_media_root, "base_url": None},
            },
            "staticfiles": static,
        }
    if kind == "s3":
        require(["AWS_STORAGE_BUCKET_NAME"])
        common = {
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            # Signed download URLs must be V4: V2 signatures are refused by AWS and S3Proxy alike.
            "signature_version": env_str("AWS_S3_SIGNATURE_VERSION") or "s3v4",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
        }
        public_bucket = env_str("AWS_STORAGE_BUCKET_NAME")
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {**common, "bucket_name": public_bucket, "location": "media"},
            },
            "private": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    **common,
                    "bucket_name": env_str("AWS_PRIVATE_BUCKET_NAME") or public_bucket,
                    "location": "private",
                },
            },
            "staticfiles": static,
        }
    raise ImproperlyConfigured(f"STORAGE_BACKEND={kind!r} is not one of: local, s3")


def caches(url):
    """Local memory by default (one process); Redis (`redis://…`) when several app servers must
    share the page cache and its purges."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "portal.cache.PortalRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "portal",
            }
        }
    raise ImproperlyConfigured(f"CACHE_URL={url!r} must be empty or a redis:// URL")


def task_backends(kind):
    backends = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "database": "django_tasks_db.DatabaseBackend",
    }
    if kind not in backends:
        raise ImproperlyConfigured(f"TASK_BACKEND={kind!r} is not one of: immediate, database")
    return {"default": {"BACKEND": backends[kind]}}
