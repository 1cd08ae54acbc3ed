"""`make run`: the embedded default (SQLite, database search, local files, immediate tasks)."""

from .base import *  # noqa: F403
from .environment import env_bool, env_list, env_str

DEBUG = True
# A fixed key is fine here: dev settings never serve the public.
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# `make run` signs in with the printed password alone; PORTAL_ADMIN_TWO_FACTOR=true tries 2FA.
PORTAL_ADMIN_TWO_FACTOR = env_bool("PORTAL_ADMIN_TWO_FACTOR", False)
