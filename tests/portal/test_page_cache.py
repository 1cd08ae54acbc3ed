import os
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from portal.cache import PortalRedisCache
from portal.page_cache import INDEX_SETTLE_SECONDS, purge
from portal.settings.environment import caches
from ppid_docs.models import RegulationPage
from tests.conftest import require_service
from tests.information_requests.factories import StaffFactory
from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    DocumentFactory,
    RegulationIndexPageFactory,
    RegulationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency_section(home_page):
    return AgencyPageFactory(parent=AgencyIndexPageFactory(parent=home_page))


@pytest.fixture
def regulation_index(home_page):
    return RegulationIndexPageFactory(parent=home_page)


def regulation(section, title):
    return RegulationPageFactory(parent=section, title=title, about=title)


class TestAnonymousVisitors:
    def test_the_second_visit_is_served_from_the_cache_without_a_query(
        self, client, home_page, django_assert_num_queries
    ):
        first = client.get("/")

        with django_assert_num_queries(0):
            second = client.get("/")

        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert second.content == first.content

    def test_a_listing_is_cached_whatever_the_order_of_its_filters(
        self, client, regulation_index, agency_section
    ):
        regulation(agency_section, "Perda Retribusi")

        client.get("/peraturan/?year=2024&type=perda")
        again = client.get("/peraturan/?type=perda&year=2024")

        assert again["X-Page-Cache"] == "hit"

    def test_a_bad_filter_is_answered_but_not_kept(self, client, regulation_index):
        assert client.get("/peraturan/?year=abad-21").status_code == 400
        assert "X-Page-Cache" not in client.get("/peraturan/?year=abad-21")

    def test_each_language_has_its_own_copy(self, client, home_page, english):
        home_page.copy_for_translation(english).save_revision().publish()

        indonesian = client.get("/")
        in_english = client.get("/en/")

        assert indonesian["Content-Language"] == "id"
        assert in_english["Content-Language"] == "en"
        assert in_english["X-Page-Cache"] == "miss"

    def test_robots_txt_and_the_sitemap_are_cached(self, client, home_page):
        client.get("/robots.txt")
        client.get("/sitemap.xml")

        assert client.get("/robots.txt")["X-Page-Cache"] == "hit"
        assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"


class TestPersonalResponses:
    def test_a_form_with_a_csrf_token_is_never_cached(self, client, home_page):
        client.get("/permohonan-informasi/")

        assert "X-Page-Cache" not in client.get("/permohonan-informasi/")

    def test_signed_in_editors_bypass_the_cache_and_leave_nothing_in_it(self, client, home_page):
        client.force_login(StaffFactory(is_superuser=True))
        editor_view = client.get("/")
        client.logout()

        assert "X-Page-Cache" not in editor_view
        assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.fixture
def index_settled(time_machine):
    """Call it to be later than the index's last write took to show in searches."""
    time_machine.move_to(time.time(), tick=True)
    return lambda: time_machine.shift(INDEX_SETTLE_SECONDS + 1)


class TestSearches:
    def test_a_search_is_kept_once_the_index_has_settled(
        self, client, search_index, agency_section, index_settled, django_assert_num_queries
    ):
        page = regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()
        index_settled()

        first = client.get("/search/?q=pajak")
        with django_assert_num_queries(0):
            second = client.get("/search/?q=pajak")

        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert page.url in second.text

    def test_right_after_an_index_write_a_search_is_answered_but_not_kept(
        self, client, search_index, agency_section
    ):
        page = regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()

        client.get("/search/?q=pajak")
        response = client.get("/search/?q=pajak")

        assert "X-Page-Cache" not in response
        assert page.url in response.text

    def test_a_new_publication_is_found_at_once(
        self, client, search_index, agency_section, index_settled
    ):
        regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()
        index_settled()
        client.get("/search/?q=pajak")

        new = regulation(agency_section, "Perda Pajak Kendaraan")
        search_index.refresh_indexes()

        assert new.url in client.get("/search/?q=pajak").text

    def test_an_index_write_alone_makes_cached_searches_stale(
        self, client, search_index, agency_section, index_settled
    ):
        page = regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()
        index_settled()
        client.get("/search/?q=pajak")
        page.title = "Perda Pajak Kendaraan"
        # Published: the rows change and the cache is purged, before the index task runs.
        RegulationPage.objects.filter(pk=page.pk).update(title=page.title)
        purge()
        client.get("/search/?q=pajak")

        search_index.add(page)  # the task, later
        search_index.refresh_indexes()

        assert "Kendaraan" in client.get("/search/?q=pajak").text

    def test_suggestions_are_kept(self, client, search_index, agency_section, index_settled):
        regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()
        index_settled()

        client.get("/search/suggest/?q=paj")
        response = client.get("/search/suggest/?q=paj")

        assert response["X-Page-Cache"] == "hit"
        assert response.json()["suggestions"][0]["title"] == "Perda Pajak Daerah"

    def test_searches_alone_can_be_left_out(
        self, client, settings, search_index, agency_section, index_settled
    ):
        settings.SEARCH_CACHE_SECONDS = 0
        page = regulation(agency_section, "Perda Pajak Daerah")
        search_index.refresh_indexes()
        index_settled()

        client.get("/search/?q=pajak")
        client.get(page.url)

        assert "X-Page-Cache" not in client.get("/search/?q=pajak")
        assert client.get(page.url)["X-Page-Cache"] == "hit"


class TestPurging:
    def test_publishing_a_change_shows_at_once(self, client, agency_section):
        page = regulation(agency_section, "Perda Pajak Daerah")
        client.get(page.url)

        page.title = "Perda Pajak dan Retribusi Daerah"
        page.save_revision().publish()
        response = client.get(page.url)

        assert response["X-Page-Cache"] == "miss"
        assert "Perda Pajak dan Retribusi Daerah" in response.text

    def test_publishing_an_item_refreshes_the_listings_that_show_it(
        self, client, regulation_index, agency_section
    ):
        regulation(agency_section, "Perda Pajak Daerah")
        client.get("/peraturan/")

        regulation(agency_section, "Perda Penanggulangan Bencana")

        assert "Perda Penanggulangan Bencana" in client.get("/peraturan/").text

    def test_unpublishing_takes_the_page_down_at_once(self, client, agency_section):
        page = regulation(agency_section, "Perda Pajak Daerah")
        url = page.url
        client.get(url)

        page.unpublish()

        assert client.get(url).status_code == 404

    def test_moving_a_page_purges(self, client, agency_section, home_page):
        page = regulation(agency_section, "Perda Pajak Daerah")
        client.get("/")

        page.move(AgencyPageFactory(parent=agency_section.get_parent()), pos="last-child")

        assert client.get("/")["X-Page-Cache"] == "miss"

    def test_a_new_document_purges(self, client, home_page):
        client.get("/")

        DocumentFactory()

        assert client.get("/")["X-Page-Cache"] == "miss"

    def test_losing_the_counter_starts_afresh(self, client, home_page):
        client.get("/")
        cache.clear()  # the counter is gone too: a new one never reuses an old number

        assert client.get("/")["X-Page-Cache"] == "miss"


class TestCacheSetting:
    def test_local_memory_by_default(self):
        assert caches("")["default"]["BACKEND"].endswith("LocMemCache")

    def test_redis_when_given_its_url(self):
        config = caches("redis://cache.internal:6379/1")["default"]

        assert config["BACKEND"] == "portal.cache.PortalRedisCache"
        assert config["LOCATION"] == "redis://cache.internal:6379/1"

    def test_the_redis_backend_builds_its_client_once(self):
        require_service("Redis", os.environ.get("CACHE_URL"))
        backend = PortalRedisCache(os.environ["CACHE_URL"], {"KEY_PREFIX": "client-reuse"})

        backend.set("page", "content")

        assert backend.get("page") == "content"
        assert backend._cache.get_client() is backend._cache.get_client()
        backend.delete("page")

    def test_anything_else_is_refused_with_the_variable_named(self):
        with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
            caches("memcached://cache.internal:11211")
