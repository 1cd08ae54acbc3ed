"""The public search against the real engine (and, where said, the database backend)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from ppid_docs.models import RegulationPage
from search import database
from search.database import statement_timeout
from search.models import PendingIndexUpdate, Synonym
from search.templatetags.search_admin import FALLBACK_NOTICE
from tests.portal.factories import PortalImageFactory
from tests.ppid_docs.factories import (
    AgencyFactory,
    DocumentFactory,
    FinancialReportPageFactory,
    PublicInformationPageFactory,
    RegulationPageFactory,
)

pytestmark = pytest.mark.usefixtures("search_backend")


def search(client, search_backend, **params):
    search_backend.refresh_indexes()
    return client.get("/search/", params)


def titles(response):
    return [hit.page.title for hit in response.context["outcome"].hits.object_list]


def facet(response, name):
    found = next(f for f in response.context["outcome"].facets if f.name == name)
    return {option.value: option.count for option in found.options}


class TestResults:
    def test_highlights_where_the_pdf_text_matched_and_describes_the_hit(
        self, client, search_backend, agency_page
    ):
        document = DocumentFactory(
            extracted_text="Pasal 4. Setiap badan publik wajib menyediakan ruang laktasi."
        )
        RegulationPageFactory(
            parent=agency_page, title="Perda Nomor 3 Tahun 2020", year=2020, document=document
        )

        response = search(client, search_backend, q="laktasi")

        hit = response.context["outcome"].hits.object_list[0]
        assert "menyediakan ruang <mark>laktasi</mark>" in hit.snippet  # in its sentence
        assert (hit.year, hit.agency) == (2020, agency_page.agency)
        assert hit.category == RegulationPage(category="setiap_saat").get_category_display()
        assert hit.kind == RegulationPage._meta.verbose_name
        assert b"<mark>laktasi</mark>" in response.content
        assert response.status_code == 200

    def test_finds_inflected_forms_of_a_root(self, client, search_backend, agency_page):
        PublicInformationPageFactory(parent=agency_page, title="Pengelolaan Arsip Daerah")

        assert titles(search(client, search_backend, q="kelola")) == ["Pengelolaan Arsip Daerah"]

    def test_tolerates_a_typo(self, client, search_backend, agency_page):
        PublicInformationPageFactory(parent=agency_page, title="Data Prevalensi Stunting")

        assert titles(search(client, search_backend, q="stuntig")) == ["Data Prevalensi Stunting"]

    def test_never_shows_drafts_private_pages_or_another_language(
        self, client, search_backend, agency_page, english
    ):
        PublicInformationPageFactory(parent=agency_page, title="Jadwal Posyandu Terbuka")
        PublicInformationPageFactory(parent=agency_page, title="Jadwal Posyandu Draf", live=False)
        private = PublicInformationPageFactory(parent=agency_page, title="Jadwal Posyandu Rahasia")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        translated = PublicInformationPageFactory(parent=agency_page, title="Jadwal Posyandu EN")
        translated.locale = english
        translated.save()

        assert titles(search(client, search_backend, q="jadwal posyandu")) == [
            "Jadwal Posyandu Terbuka"
        ]

    def test_a_named_regulation_comes_first(self, client, search_backend, agency_page):
        for number in range(1, 12):
            RegulationPageFactory(
                parent=agency_page,
                title=f"Peraturan Daerah Nomor {number} Tahun 2019 tentang Perda dan Perda",
                number=str(number),
                year=2019,
            )

        response = search(client, search_backend, q="perda 8 2019")

        assert titles(response)[0] == (
            "Peraturan Daerah Nomor 8 Tahun 2019 tentang Perda dan Perda"
        )

    def test_a_named_report_comes_first(self, client, search_backend, agency_page):
        for year in (2021, 2022, 2023, 2024):
            FinancialReportPageFactory(parent=agency_page, year=year, summary="APBD 2023 dan 2024")

        assert titles(search(client, search_backend, q="apbd 2023"))[0] == (
            "APBD Tahun Anggaran 2023"
        )

    def test_promoted_pages_come_first(self, client, search_backend, agency_page):
        PublicInformationPageFactory(parent=agency_page, title="Maklumat Pelayanan")
        promoted = PublicInformationPageFactory(parent=agency_page, title="Standar Layanan")
        SearchPromotion.objects.create(query=Query.get("maklumat"), page=promoted, sort_order=0)

        response = search(client, search_backend, q="maklumat")

        assert [pick.page_id for pick in response.context["promotions"]] == [promoted.pk]
        content = response.content.decode()
        assert content.index("Standar Layanan") < content.index('id="results-heading"')
        assert titles(response) == ["Maklumat Pelayanan"]


class TestSynonyms:
    def test_an_acronym_finds_the_words_it_stands_for(self, client, search_backend, agency_page):
        FinancialReportPageFactory(
            parent=agency_page, title="Anggaran Pendapatan dan Belanja Daerah 2024"
        )

        assert titles(search(client, search_backend, q="apbd")) == [
            "Anggaran Pendapatan dan Belanja Daerah 2024"
        ]

    def test_an_editors_new_synonym_applies_without_reindexing(
        self, client, search_backend, agency_page, django_capture_on_commit_callbacks
    ):
        PublicInformationPageFactory(parent=agency_page, title="Sistem Informasi Desa")
        assert titles(search(client, search_backend, q="sid")) == []

        with django_capture_on_commit_callbacks(execute=True):
            Synonym.objects.create(terms="sid, sistem informasi desa")

        assert titles(search(client, search_backend, q="sid")) == ["Sistem Informasi Desa"]


class TestFacets:
    def test_counts_every_value_beyond_ten(self, client, search_backend, agency_page):
        for year in range(2010, 2022):
            RegulationPageFactory(parent=agency_page, year=year)

        counts = facet(search(client, search_backend, q="keterbukaan"), "year")

        assert counts == {str(year): 1 for year in range(2010, 2022)}

    def test_facets_combine_and_each_counts_with_the_others_applied(
        self, client, search_backend, agency_page
    ):
        RegulationPageFactory(parent=agency_page, year=2020, regulation_type="perda")
        RegulationPageFactory(parent=agency_page, year=2020, regulation_type="pergub")
        RegulationPageFactory(parent=agency_page, year=2021, regulation_type="perda")

        response = search(
            client, search_backend, q="keterbukaan", year="2020", regulation_type="perda"
        )

        assert len(titles(response)) == 1
        assert facet(response, "year") == {"2020": 1, "2021": 1}
        assert facet(response, "regulation_type") == {"perda": 1, "pergub": 1}
        assert facet(response, "type") == {"regulation": 1}
        assert facet(response, "status") == {"berlaku": 1}
        assert facet(response, "agency") == {agency_page.agency.slug: 1}

    def test_a_bad_value_is_refused_with_a_message(self, client, search_backend):
        response = client.get("/search/", {"q": "apbd", "year": "dua ribu", "type": "x"})

        assert response.status_code == 400
        assert "Year" in response.content.decode() or "Tahun" in response.content.decode()


# The configured engine at a port where nothing listens.
UNREACHABLE = {
    **settings.WAGTAILSEARCH_BACKENDS,
    "default": {
        **settings.WAGTAILSEARCH_BACKENDS["default"],
        "URLS": ["http://127.0.0.1:9"],
        "TIMEOUT": 1,
    },
}


def fallback_notice(response):
    """The admin's notice, in the language the response was given in."""
    with translation.override(response.headers["Content-Language"]):
        return str(FALLBACK_NOTICE)


CHOOSER_RESULTS = [
    "/admin/choose-page/search/",
    "/admin/documents/chooser/results/",
    "/admin/images/chooser/results/",
    "/admin/snippets/choose/ppid_docs/agency/results/",
]

# Every admin search, as first shown and as refreshed while the editor types; `section` is the
# page explored.
ADMIN_SEARCHES = [
    "/admin/pages/search/",
    "/admin/pages/search/results/",
    "/admin/pages/{section}/",
    "/admin/pages/{section}/results/",
    "/admin/documents/",
    "/admin/documents/results/",
    "/admin/images/",
    "/admin/images/results/",
    "/admin/snippets/ppid_docs/agency/",
    "/admin/snippets/ppid_docs/agency/results/",
    # The choosers' modals answer JSON (the HTML in `html`), their results HTML.
    "/admin/documents/chooser/",
    "/admin/images/chooser/",
    "/admin/snippets/choose/ppid_docs/agency/",
    *CHOOSER_RESULTS,
]


def shown(response):
    """The HTML the editor gets, from a page or from a chooser's JSON."""
    if response.headers["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.fixture
def findable(agency_page):
    """One of each thing the admin searches, all about a "laktasi" room; the section of the page."""
    PublicInformationPageFactory(parent=agency_page, title="Standar Ruang Laktasi")
    DocumentFactory(title="Laporan Ruang Laktasi")
    PortalImageFactory(title="Foto Ruang Laktasi")
    AgencyFactory(name="Pengelola Ruang Laktasi")
    return agency_page


class TestDegradedMode:
    def test_public_search_answers_from_the_database_with_a_notice(
        self, client, search_backend, agency_page
    ):
        PublicInformationPageFactory(parent=agency_page, title="Standar Pelayanan Informasi")

        with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
            response = client.get("/search/", {"q": "pelayanan"})

        assert response.status_code == 200
        assert response.context["outcome"].degraded
        assert "no-store" in response["Cache-Control"]  # kept by no cache
        assert titles(response) == ["Standar Pelayanan Informasi"]
        assert "<mark>" in response.context["outcome"].hits.object_list[0].title

    @pytest.mark.parametrize("path", ADMIN_SEARCHES)
    def test_admin_searches_answer_from_the_database_with_a_notice(
        self, admin_client, search_backend, findable, path
    ):
        with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
            response = admin_client.get(path.format(section=findable.pk), {"q": "laktasi"})

        assert response.status_code == 200
        assert "Ruang Laktasi" in shown(response)
        assert shown(response).count(fallback_notice(response)) == 1

    @pytest.mark.parametrize("path", CHOOSER_RESULTS)
    def test_a_chooser_search_without_matches_says_so_too(
        self, admin_client, search_backend, findable, path
    ):
        with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
            response = admin_client.get(path, {"q": "lhkpn"})

        assert response.status_code == 200
        assert "Ruang Laktasi" not in shown(response)
        assert fallback_notice(response) in shown(response)

    @pytest.mark.parametrize("path", ADMIN_SEARCHES)
    def test_admin_searches_say_nothing_when_the_engine_answers(
        self, admin_client, search_backend, findable, path
    ):
        search_backend.refresh_indexes()

        response = admin_client.get(path.format(section=findable.pk), {"q": "laktasi"})

        assert "Ruang Laktasi" in shown(response)
        assert fallback_notice(response) not in shown(response)

    def test_updates_missed_meanwhile_are_replayed_when_the_engine_is_back(
        self, client, search_backend, agency_page
    ):
        with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
            page = PublicInformationPageFactory(parent=agency_page, title="Rekap LHKPN")
        assert PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()
        assert titles(search(client, search_backend, q="lhkpn")) in ([], ["Rekap LHKPN"])

        call_command("retry_search_updates")

        assert not PendingIndexUpdate.objects.exists()
        assert titles(search(client, search_backend, q="lhkpn")) == ["Rekap LHKPN"]


class TestSuggestions:
    def test_completes_titles_of_public_pages(self, client, search_backend, agency_page):
        page = PublicInformationPageFactory(parent=agency_page, title="Maklumat Pelayanan")
        PublicInformationPageFactory(parent=agency_page, title="Maklumat Draf", live=False)
        search_backend.refresh_indexes()

        response = client.get("/search/suggest/", {"q": "makl"})

        assert response.status_code == 200
        assert response.json() == {"suggestions": [{"title": page.title, "url": page.url}]}

    def test_refuses_an_overlong_query(self, client, search_backend):
        response = client.get("/search/suggest/", {"q": "x" * 201})

        assert response.status_code == 400
        assert "200" in response.json()["error"]


class TestQueryCount:
    @pytest.mark.parametrize("engine", [True, False], ids=["engine", "database"])
    def test_a_page_of_results_costs_the_same_queries_whatever_it_holds(
        self, client, search_backend, agency_page, engine
    ):
        in_use = {} if engine else {"WAGTAILSEARCH_BACKENDS": UNREACHABLE}

        def queries_with_results(total):
            while RegulationPage.objects.count() < total:
                document = DocumentFactory(extracted_text="Ruang laktasi di setiap kantor.")
                RegulationPageFactory(parent=agency_page, document=document)
            search_backend.refresh_indexes()
            with override_settings(**in_use):
                client.get("/search/", {"q": "laktasi"})  # the site chrome is cached again
                with CaptureQueriesContext(connection) as queries:
                    response = client.get("/search/", {"q": "laktasi"})
            assert len(titles(response)) == total
            assert response.context["outcome"].degraded is not engine
            return len(queries)

        assert queries_with_results(2) == queries_with_results(10)


class TestDatabaseLimits:
    def test_counts_only_the_best_matches(self, client, search_backend, agency_page, monkeypatch):
        monkeypatch.setattr(database, "MAX_MATCHES", 3)
        for number in range(5):
            PublicInformationPageFactory(parent=agency_page, title=f"Jadwal Posyandu {number}")

        with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
            response = client.get("/search/", {"q": "posyandu"})

        assert response.context["outcome"].capped == 3
        assert len(titles(response)) == 3

    def test_a_ranking_past_the_time_limit_is_cancelled(self):
        cursor = connection.cursor()
        with pytest.raises(OperationalError), statement_timeout(0.05):
            cursor.execute("SELECT pg_sleep(2)")
