"""`make test`: the services come from the environment that scripts/services.sh exports."""

from .base import *  # noqa: F403
from .base import BASE_DIR, SEARCH_BACKEND, STORAGE_BACKEND, WAGTAILSEARCH_BACKENDS
from .environment import env_str, storages

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests of other features sign staff in with force_login; tests/portal/test_two_factor.py turns
# the requirement on.
PORTAL_ADMIN_TWO_FACTOR = False
# The page cache outlives each test's database; its own tests switch it on.
PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

MEDIA_ROOT = BASE_DIR / ".services" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".services" / "test-private-media"
if STORAGE_BACKEND == "local":
    STORAGES = storages("local", MEDIA_ROOT, PRIVATE_MEDIA_ROOT)

# Tests never touch a deployment's indexes; parallel runs may pick their own prefix.
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = env_str("TEST_INDEX_PREFIX", "test_")
