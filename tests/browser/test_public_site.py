import pytest

from news.models import NewsIndexPage
from portal.demo import default_and_english_locales, ensure_translation, load_demo_pages
from tests.news.factories import NewsPageFactory
from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    RegulationPageFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("wagtail_baseline")]


@pytest.fixture
def site_with_a_regulation(live_server):
    home = load_demo_pages()[0]
    agencies = AgencyIndexPageFactory(parent=home, slug="opd")
    section = AgencyPageFactory(parent=agencies)
    regulation = RegulationPageFactory(
        parent=section,
        number="8",
        year=2019,
        about="Keterbukaan Informasi Publik",
        title="Peraturan Daerah Nomor 8 Tahun 2019 tentang Keterbukaan Informasi Publik",
    )
    _default, english = default_and_english_locales()
    ensure_translation(agencies, english, {"title": "Regional agencies"})
    ensure_translation(section, english, {"title": section.title})
    ensure_translation(
        regulation,
        english,
        {
            "title": "Regional Regulation No. 8 of 2019 on Public Information Openness",
            "about": "Public Information Openness",
        },
    )
    return regulation


@pytest.fixture
def news_item(site_with_a_regulation):
    return NewsPageFactory(
        parent=NewsIndexPage.objects.get(locale__language_code="id"),
        title="Pemprov Lampung Raih Predikat Badan Publik Informatif",
    )


def main_heading(page):
    return page.get_by_role("heading", level=1).inner_text()


class TestCitizenJourney:
    def test_home_to_a_listing_to_a_regulation_and_into_english(
        self, page, screenshot, site_with_a_regulation
    ):
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == "id"
        screenshot("home-id")

        page.goto("/peraturan/")
        screenshot("regulations-listing")
        page.get_by_role("link", name="Peraturan Daerah Nomor 8 Tahun 2019").first.click()
        page.wait_for_load_state()
        assert main_heading(page).startswith("Peraturan Daerah Nomor 8 Tahun 2019")
        screenshot("regulation-detail")

        page.get_by_role("link", name="English").click()
        page.wait_for_load_state()
        assert "/en/" in page.url
        assert page.locator("html").get_attribute("lang") == "en"
        assert main_heading(page).startswith("Regional Regulation No. 8 of 2019")
        screenshot("regulation-detail-en")

        page.get_by_role("link", name="Bahasa Indonesia").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "id"
        assert "/en/" not in page.url

    def test_keyboard_reaches_the_skip_link_first(self, page, site_with_a_regulation):
        page.goto("/")
        page.keyboard.press("Tab")

        focused = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert focused == "#main"


class TestAccessibility:
    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/peraturan/",
            "/profil-ppid/",
            "/en/",
            "/permohonan-informasi/",
            "/en/peraturan/",
            "/berita/",
        ],
    )
    def test_no_axe_violations(self, page, axe_violations, site_with_a_regulation, path):
        page.goto(path)

        assert axe_violations() == []

    def test_regulation_detail_has_no_axe_violations(
        self, page, axe_violations, site_with_a_regulation
    ):
        page.goto(site_with_a_regulation.url)

        assert axe_violations() == []

    def test_news_item_has_no_axe_violations(self, page, axe_violations, news_item, screenshot):
        page.goto(news_item.url)
        screenshot("news-item")

        assert axe_violations() == []
