"""Production: everything from the environment; refuse to start when something vital is missing."""

from .base import *  # noqa: F403
from .base import MEDIA_ROOT, PRIVATE_MEDIA_ROOT, STORAGE_BACKEND
from .environment import env_bool, env_int, require, storages

require(["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "PORTAL_BASE_URL"])

DEBUG = False
# Never switched off where the public can reach the admin.
PORTAL_ADMIN_TWO_FACTOR = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Hashed names let the proxy cache static files for a year.
STORAGES = storages(STORAGE_BACKEND, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, "ManifestStaticFilesStorage")
