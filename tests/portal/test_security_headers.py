"""What browsers are told about the portal's pages: verified on the responses themselves."""

import datetime
import importlib
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k" * 20 + "production-like-secret-key-for-the-check-only-9f3a",
    "DJANGO_ALLOWED_HOSTS": "ppid.lampungprov.go.id,testserver",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "PORTAL_BASE_URL": "https://ppid.lampungprov.go.id",
}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_page")]


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style blocks and attributes,
    event-handler attributes and javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_only = attributes.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and "src" not in attributes and not data_only:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> block")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}>")
            if name in {"href", "src", "action"} and (value or "").startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


class TestPublicSite:
    def test_policy_allows_only_the_portals_own_scripts_and_styles(self, client):
        policy = directives(client.get("/"))

        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]

    def test_frame_referrer_and_sniffing_headers(self, client):
        response = client.get("/")

        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]

    @pytest.mark.parametrize(
        ("method", "path", "data"),
        [
            ("get", "/", None),
            ("get", "/en/", None),
            ("get", "/search/?q=anggaran", None),
            ("get", "/permohonan-informasi/", None),
            ("post", "/permohonan-informasi/", {"full_name": ""}),
            ("get", "/permohonan-informasi/lacak/", None),
            ("post", "/permohonan-informasi/lacak/", {"token": ""}),
            ("get", "/no-such-page/", None),
        ],
    )
    def test_pages_carry_no_inline_code_the_policy_would_block(self, client, method, path, data):
        response = getattr(client, method)(path, data)

        assert "Content-Security-Policy" in response
        assert inline_code(response.content.decode()) == []

    @time_machine.travel(datetime.datetime(2026, 12, 2, 3, 20, tzinfo=datetime.UTC), tick=False)
    def test_the_too_many_requests_page_carries_none_either(self, client, settings):
        settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "tracking": "1/h"}
        client.post("/permohonan-informasi/lacak/", {"token": ""})

        response = client.post("/permohonan-informasi/lacak/", {"token": ""})

        assert response.status_code == 429
        assert inline_code(response.content.decode()) == []

    def test_images_may_come_from_the_object_store_that_signs_them(self, client, settings):
        if settings.STORAGE_BACKEND == "s3":
            endpoint = os.environ["AWS_S3_ENDPOINT_URL"].rstrip("/")
        else:
            endpoint = "https://s3.ap-southeast-3.amazonaws.com"
            settings.PORTAL_CSP_MEDIA_ORIGINS = [endpoint]

        policy = directives(client.get("/"))

        assert endpoint in policy["img-src"]
        assert endpoint not in policy["script-src"]


class TestAdmin:
    def test_the_admin_has_its_own_policy_still_closed_to_other_sites(self, client):
        response = client.get(reverse("wagtailadmin_login"))
        policy = directives(response)

        # Wagtail's date pickers and inline panels still use inline scripts.
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert all("http" not in source for source in policy["script-src"])

    def test_the_admin_calls_no_other_site(self, settings):
        assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
        assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


@pytest.fixture
def production_settings(monkeypatch):
    """The security settings of portal.settings.production, read with a deployment's variables."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("portal.settings.production", None)
    production = importlib.import_module("portal.settings.production")
    sys.modules.pop("portal.settings.production", None)
    names = [
        name
        for name in dir(production)
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_"))
    ]
    with override_settings(**{name: getattr(production, name) for name in names}):
        yield production


@pytest.mark.usefixtures("production_settings")
class TestProduction:
    def test_plain_http_is_redirected_to_https(self, client):
        response = client.get("/permohonan-informasi/")

        assert response.status_code == 301
        assert response["Location"] == "https://testserver/permohonan-informasi/"

    def test_the_proxys_word_that_the_request_came_over_https_is_taken(self, client):
        response = client.get("/permohonan-informasi/", headers={"X-Forwarded-Proto": "https"})

        assert response.status_code == 200

    def test_https_responses_require_https_for_a_year_with_subdomains(self, client):
        response = client.get("/", secure=True)

        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert "upgrade-insecure-requests" in response["Content-Security-Policy"]

    def test_cookies_are_sent_over_https_only_and_hidden_from_scripts(self, client):
        response = client.get("/permohonan-informasi/", secure=True)

        csrf = response.cookies["csrftoken"]
        assert csrf["secure"] and csrf["httponly"]
        assert csrf["samesite"] == "Lax"

    def test_the_session_cookie_of_a_signed_in_user_is_secure(self, client, django_user_model):
        django_user_model.objects.create_user("editor", password="a-long-enough-passphrase")
        client.get(reverse("wagtailadmin_login"), secure=True)

        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "editor", "password": "a-long-enough-passphrase"},
            secure=True,
            REMOTE_ADDR="203.0.113.7",
        )

        assert response.status_code == 302
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"]


def test_deploy_check_with_production_settings_reports_nothing():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=REPO,
        env={**env, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
