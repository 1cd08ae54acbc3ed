"""Settings shared by every environment. Secure by default: DEBUG off, no secret in the repo."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .environment import (
    caches,
    env_bool,
    env_int,
    env_list,
    env_str,
    search_backends,
    storages,
    task_backends,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "ppid_docs",
    "news",
    "search",
    "information_requests",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "storages",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses any password while an account is locked out (django-axes), before checking it.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is SQLite; every real deployment sets DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English as a translation. Dates are shown in WIB, stored in UTC.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private_media")
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
STORAGES = storages(STORAGE_BACKEND, MEDIA_ROOT, PRIVATE_MEDIA_ROOT)

SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")
# Seconds the database backend may rank matches (the default set-up and the degraded mode).
SEARCH_DATABASE_TIMEOUT = env_int("SEARCH_DATABASE_TIMEOUT", 3)
WAGTAILSEARCH_BACKENDS = search_backends(
    SEARCH_BACKEND,
    urls=env_list("SEARCH_URLS"),
    index_prefix=env_str("SEARCH_INDEX_PREFIX", "portal_"),
    timeout=env_int("SEARCH_TIMEOUT", 5),
    # Unset: the engine's default (1 replica). A single test node wants 0 to stay green.
    replicas=env_int("SEARCH_INDEX_REPLICAS", None),
)

TASKS = task_backends(env_str("TASK_BACKEND", "immediate"))

# Rate limits and login lockouts count in the cache too: with several app servers it must be
# shared (Redis).
CACHES = caches(env_str("CACHE_URL"))
# Anonymous pages are served from the cache for at most this long; publishing purges them at once.
# The bound rolls over what pages derive from today's date (a regulation's status). 0 disables.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# Searches are kept for less: the frequent ones stay, the many asked once leave the cache soon.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 600)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PPID <ppid@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = env_str("PORTAL_SITE_NAME", "Portal PPID Provinsi Lampung")
WAGTAILADMIN_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "ppid_docs.PPIDDocument"
WAGTAILIMAGES_IMAGE_MODEL = "portal.PortalImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ods", "odt", "csv", "zip"]
# Uploads larger than this go nowhere; the form says why.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No site may frame the portal; Wagtail's preview marks its own responses SAMEORIGIN.
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (portal/security.py): the strict public policy everywhere but here.
PORTAL_ADMIN_PATH_PREFIX = "/admin/"
# Origins images and documents are loaded from besides the portal; unset: the S3 endpoint in use.
PORTAL_CSP_MEDIA_ORIGINS = env_list("PORTAL_CSP_MEDIA_ORIGINS") or None
# The admin asks for a code from an authenticator app after the password (portal/two_factor.py).
PORTAL_ADMIN_TWO_FACTOR = env_bool("PORTAL_ADMIN_TWO_FACTOR", True)
OTP_TOTP_ISSUER = env_str("PORTAL_SITE_NAME", "Portal PPID Provinsi Lampung")
# Lockout after repeated wrong passwords (django-axes): per account and address, so that nobody
# can lock a colleague out from elsewhere; attempts are kept in the database for the audit.
AXES_FAILURE_LIMIT = env_int("PORTAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PORTAL_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"
# Usernames and addresses stay in axes' tables, out of the application logs.
AXES_VERBOSE = False
# Public forms, per visitor address (portal/ratelimit.py): "COUNT/PERIOD", units s, m, h, d.
PORTAL_RATE_LIMITS = {
    "information_request": env_str("PORTAL_RATE_LIMIT_REQUESTS", "10/h"),
    "tracking": env_str("PORTAL_RATE_LIMIT_TRACKING", "30/10m"),
}
# Reverse proxies in front of the app servers, each appending to X-Forwarded-For (0: none).
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
# Staff avatars would otherwise be fetched from gravatar.com, telling it who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for updates (the CSP would refuse it anyway):
# upgrades come through requirements.txt and pip-audit.
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task run drowns the useful lines; failures still come through.
        "django_tasks": {"level": "WARNING"},
        # fpdf2's font subsetting logs every glyph table of every PDF letter at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

# Statutory deadline engine (information_requests/deadlines.py, docs/deadlines.md). Empty means the
# defaults of UU 14/2008 and the spec's policies; each key overrides one:
#   notice_days 10, extension_days 7, objection_filing_days 30, objection_response_days 30,
#   dispute_days 14 (working days); closing_time "16:00" (later submissions count from the next
#   working day); time_zone "Asia/Jakarta"; pause_while_incomplete False (the clock keeps running
#   while staff wait for a requester to complete a request).
PPID_DEADLINE_POLICY = {}

# Staff roles for information requests (information_requests/permissions.py). Each is a group that
# `manage.py setup_ppid_roles` creates with its permissions: PPID Utama works on every request and
# assigns them; PPID Pelaksana work on their agencies' requests (Information requests → Agency
# staff); the Atasan PPID reads every request.
PPID_UTAMA_GROUP = "PPID Utama"
PPID_PELAKSANA_GROUP = "PPID Pelaksana"
PPID_SUPERVISOR_GROUP = "Atasan PPID"
# `manage.py send_deadline_reminders` (daily from cron) reminds staff this many working days
# before a deadline.
PPID_REMINDER_WORKING_DAYS = 2
# Identity documents attached to an information request (information_requests/uploads.py): PDF,
# JPEG or PNG by content, each at most this many bytes. Let the proxy accept a request body of four
# such files plus the form (about 21 MiB at the default).
PPID_REQUEST_ATTACHMENT_MAX_SIZE = 5 * 1024 * 1024
# Published statistics and the yearly report pool the agencies with fewer requests than this into
# one row, so that no published breakdown narrows down to a handful of requesters.
PPID_PUBLISHED_MINIMUM_COUNT = 5
