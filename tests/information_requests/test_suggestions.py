import socket

import pytest
from django.urls import reverse
from django.utils.translation import override

from information_requests.models import SearchFirstHit
from tests.portal.factories import ContentPageFactory
from tests.ppid_docs.factories import FinancialReportPageFactory, PublicInformationPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

QUERY = "realisasi anggaran dinas kesehatan"


def suggestions(client, query=QUERY):
    return client.get(reverse("information_requests:suggestions"), {"q": query})


@pytest.fixture
def published_and_draft(agency_section):
    """A published budget report and a draft one that both match the query."""
    published = FinancialReportPageFactory(
        parent=agency_section,
        title="Laporan Realisasi Anggaran Dinas Kesehatan 2024",
        summary="Realisasi anggaran belanja kesehatan.",
    )
    draft = FinancialReportPageFactory(
        parent=agency_section,
        title="Laporan Realisasi Anggaran Dinas Kesehatan 2025 (draf)",
        summary="Realisasi anggaran belanja kesehatan.",
        live=False,
    )
    return published, draft


class TestSuggestionsFromTheEngine:
    def test_offers_publications_never_drafts_nor_other_pages(
        self, client, search_backend, home_page, published_and_draft
    ):
        published, _draft = published_and_draft
        ContentPageFactory(parent=home_page, title="Berita realisasi anggaran dinas kesehatan")
        search_backend.refresh_indexes()

        response = suggestions(client)

        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        results = response.json()["results"]
        assert [result["title"] for result in results] == [published.title]
        assert results[0]["summary"] == "Realisasi anggaran belanja kesehatan."
        assert results[0]["url"] == (
            f"/en/permohonan-informasi/saran/{published.pk}/?q=realisasi+anggaran+dinas+kesehatan"
        )

    def test_offers_pages_of_the_language_being_read(
        self, client, search_backend, english, published_and_draft
    ):
        published, _draft = published_and_draft
        translation = published.copy_for_translation(english, copy_parents=True)
        translation.save_revision().publish()
        search_backend.refresh_indexes()

        in_english = suggestions(client).json()["results"]
        with override("id"):
            in_indonesian = suggestions(client).json()["results"]

        assert [result["url"].split("?")[0] for result in in_english] == [
            f"/en/permohonan-informasi/saran/{translation.pk}/"
        ]
        assert [result["url"].split("?")[0] for result in in_indonesian] == [
            f"/permohonan-informasi/saran/{published.pk}/"
        ]

    def test_offers_at_most_five(self, client, search_backend, agency_section):
        for year in range(2015, 2025):
            PublicInformationPageFactory(
                parent=agency_section, title=f"Standar pelayanan informasi {year}"
            )
        search_backend.refresh_indexes()

        results = suggestions(client, "standar pelayanan").json()["results"]

        assert len(results) == 5


class TestSuggestionsWithoutTheEngine:
    def test_an_unreachable_engine_gives_none_not_an_error(
        self, client, settings, caplog, agency_section
    ):
        PublicInformationPageFactory(parent=agency_section, title="Standar pelayanan informasi")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "wagtail.search.backends.opensearch3",
                "URLS": [f"http://127.0.0.1:{closed_port}"],
                "INDEX_PREFIX": "unreachable_",
                "TIMEOUT": 1,
                "OPTIONS": {"max_retries": 0},
            }
        }

        response = suggestions(client, "standar pelayanan")

        assert response.status_code == 200
        assert response.json() == {"results": []}
        assert "Search-first suggestions unavailable for now" in caplog.text

    @pytest.mark.parametrize("query", ["", "  ", "ab"])
    def test_too_short_a_query_gives_none(self, client, query):
        assert suggestions(client, query).json() == {"results": []}

    def test_too_long_a_query_is_refused_with_a_reason(self, client):
        response = suggestions(client, "x" * 201)

        assert response.status_code == 400
        assert response.json() == {"error": "Use at most 200 characters.", "results": []}


class TestFollowingASuggestion:
    def test_records_what_was_found_and_goes_to_the_page(self, client, published_and_draft):
        published, _draft = published_and_draft

        response = client.get(
            reverse("information_requests:follow_suggestion", kwargs={"page_id": published.pk}),
            {"q": QUERY},
        )

        assert response.status_code == 302
        assert response["Location"] == published.url
        hit = SearchFirstHit.objects.get()
        assert (hit.query, hit.page_id) == (QUERY, published.pk)

    @pytest.mark.parametrize("which", ["draft", "not a publication", "no such page"])
    def test_goes_nowhere_but_published_publications(
        self, client, home_page, published_and_draft, which
    ):
        page_id = {
            "draft": published_and_draft[1].pk,
            "not a publication": ContentPageFactory(parent=home_page).pk,
            "no such page": 999_999,
        }[which]

        response = client.get(
            reverse("information_requests:follow_suggestion", kwargs={"page_id": page_id})
        )

        assert response.status_code == 404
        assert not SearchFirstHit.objects.exists()
