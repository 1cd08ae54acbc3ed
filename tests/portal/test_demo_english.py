import pytest

from news.models import NewsIndexPage, NewsPage
from portal.demo import load_demo_pages
from portal.demo_english import load_demo_english
from ppid_docs.models import AgencyPage, RegulationPage
from tests.news.factories import NewsPageFactory
from tests.ppid_docs.factories import (
    AgencyFactory,
    AgencyIndexPageFactory,
    AgencyPageFactory,
    RegulationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_with_two_corpus_records():
    """The demo site with two of the records `demo/english.json` translates, as imported."""
    home = load_demo_pages()[0]
    section = AgencyPageFactory(
        parent=AgencyIndexPageFactory(parent=home),
        agency=AgencyFactory(slug="dinkes", name="Dinas Kesehatan Provinsi Lampung"),
        title="Dinas Kesehatan Provinsi Lampung",
    )
    RegulationPageFactory(
        parent=section,
        slug="reg-perda-2019-08",
        title="Peraturan Daerah Provinsi Lampung Nomor 8 Tahun 2019 tentang Kawasan Tanpa Rokok",
        number="8",
        year=2019,
        about="Kawasan Tanpa Rokok",
    )
    NewsPageFactory(
        parent=NewsIndexPage.objects.get(locale__language_code="id"),
        slug="news-2025-05-lkpd-wtp",
        title="Pemprov Lampung Kembali Raih Opini WTP atas Laporan Keuangan 2024",
    )


class TestDemoEnglish:
    def test_translated_records_get_english_pages_under_english_sections(
        self, demo_with_two_corpus_records
    ):
        translated = load_demo_english()

        assert {page.slug for page in translated} == {"reg-perda-2019-08", "news-2025-05-lkpd-wtp"}
        regulation = RegulationPage.objects.get(locale__language_code="en")
        assert regulation.live
        assert regulation.title.startswith("Lampung Province Regional Regulation No. 8 of 2019")
        assert regulation.about == "Smoke-Free Areas"
        assert regulation.number == "8"  # untranslated fields follow the Indonesian page
        section = AgencyPage.objects.get(locale__language_code="en")
        assert section.title == "Health Office of Lampung Province"
        assert not section.alias_of_id  # a real translation an editor can change, not an alias
        news = NewsPage.objects.get(locale__language_code="en")
        assert "Audit Board" in str(news.body)

    def test_each_language_lists_its_own_version(self, client, demo_with_two_corpus_records):
        load_demo_english()

        english = client.get("/en/peraturan/").text
        indonesian = client.get("/peraturan/").text

        assert "Smoke-Free Areas" in english
        assert "Kawasan Tanpa Rokok" not in english
        assert "Kawasan Tanpa Rokok" in indonesian
        assert "Smoke-Free Areas" not in indonesian
        assert "Unqualified Opinion" in client.get("/en/berita/").text

    def test_loading_again_changes_nothing(self, demo_with_two_corpus_records):
        first = load_demo_english()
        revisions = [page.latest_revision_id for page in first]

        again = load_demo_english()

        assert [page.pk for page in again] == [page.pk for page in first]
        assert [page.latest_revision_id for page in again] == revisions
