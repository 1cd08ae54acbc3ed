import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from information_requests.models import InformationRequest
from portal.ratelimit import client_ip, parse_rate
from tests.information_requests.factories import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_page")]


class TestRates:
    @pytest.mark.parametrize(
        ("rate", "expected"),
        [("20/h", (20, 3600)), ("30/10m", (30, 600)), ("5 / 2d", (5, 172800)), ("1/s", (1, 1))],
    )
    def test_reads_count_and_period(self, rate, expected):
        assert parse_rate(rate) == expected

    @pytest.mark.parametrize("rate", ["", "20", "20/x", "0/h", "-1/h", "h/20"])
    def test_a_malformed_rate_is_a_configuration_error(self, rate):
        with pytest.raises(ImproperlyConfigured):
            parse_rate(rate)


class TestClientAddress:
    def test_without_a_proxy_the_forwarded_header_is_ignored(self, settings):
        settings.PORTAL_TRUSTED_PROXY_COUNT = 0
        request = RequestFactory().get(
            "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
        )

        assert client_ip(request) == "203.0.113.7"

    def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(self, settings):
        settings.PORTAL_TRUSTED_PROXY_COUNT = 1
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
        )

        assert client_ip(request) == "203.0.113.7"


@pytest.fixture
def tight_limits(settings):
    """Small limits, and a clock that stands still mid-window: a count window that ended between
    two requests would start counting afresh."""
    settings.PORTAL_RATE_LIMITS = {"information_request": "2/h", "tracking": "3/10m"}
    with time_machine.travel(
        datetime.datetime(2026, 12, 2, 3, 20, tzinfo=datetime.UTC), tick=False
    ):
        yield


def post_request_form(client, address="203.0.113.7", language_prefix=""):
    data, files = form_data(full_name="")  # invalid: nothing is stored, still counted
    return client.post(
        language_prefix + "/permohonan-informasi/", {**data, **files}, REMOTE_ADDR=address
    )


@pytest.mark.usefixtures("tight_limits")
class TestRequestFormLimit:
    def test_the_request_after_the_limit_gets_a_translated_429_page(self, client):
        assert [post_request_form(client).status_code for _ in range(2)] == [400, 400]

        refused = post_request_form(client)

        assert refused.status_code == 429
        assert refused["Retry-After"] == "2400"  # the hour's window ends at 04:00
        assert refused["Cache-Control"] == "private, no-store"
        page = refused.content.decode()
        assert "Terlalu banyak percobaan" in page
        assert "Mohon tunggu" in page

    def test_the_page_speaks_english_under_en(self, client):
        for _ in range(2):
            post_request_form(client, language_prefix="/en")

        refused = post_request_form(client, language_prefix="/en")

        assert refused.status_code == 429
        assert "Too many attempts" in refused.content.decode()

    def test_a_valid_request_over_the_limit_stores_nothing(self, client):
        for _ in range(2):
            post_request_form(client)
        data, files = form_data()

        refused = client.post(
            "/permohonan-informasi/", {**data, **files}, REMOTE_ADDR="203.0.113.7"
        )

        assert refused.status_code == 429
        assert not InformationRequest.objects.exists()

    def test_reading_the_form_is_never_limited(self, client):
        for _ in range(3):
            post_request_form(client)

        assert client.get("/permohonan-informasi/", REMOTE_ADDR="203.0.113.7").status_code == 200

    def test_each_address_has_its_own_count(self, client):
        for _ in range(3):
            post_request_form(client, address="203.0.113.7")

        assert post_request_form(client, address="198.51.100.20").status_code == 400


@pytest.mark.usefixtures("tight_limits")
def test_the_tracking_form_is_limited_too(client):
    url = reverse("information_requests:track")
    attempt = {"registration_number": "001/PPID/2026", "token": "guess"}

    statuses = [client.post(url, attempt, REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]

    assert statuses == [404, 404, 404, 429]


class TestHoneypot:
    def test_a_request_form_with_the_trap_filled_stores_nothing_and_says_why(self, client):
        data, files = form_data(website="https://spam.example")

        with translation.override("en"):
            response = client.post(reverse("information_requests:form"), {**data, **files})

        assert response.status_code == 400
        assert "looks as if a program filled it in" in response.content.decode()
        assert not InformationRequest.objects.exists()

    def test_the_trap_is_off_screen_out_of_the_tab_order_and_unannounced(self, client):
        html = client.get("/permohonan-informasi/").content.decode()

        assert '<div class="trap" aria-hidden="true">' in html
        assert 'name="website"' in html
        assert 'tabindex="-1"' in html

    def test_the_tracking_form_has_one_too(self, client):
        with translation.override("en"):
            response = client.post(
                reverse("information_requests:track"),
                {"registration_number": "001/PPID/2026", "token": "x", "website": "spam"},
            )

        assert response.status_code == 400
        assert "looks as if a program filled it in" in response.content.decode()
