import pytest
from django.views.defaults import server_error
from wagtail.models import Page

from portal.demo import PUBLISHING_SECTIONS, load_demo_pages
from portal.models import ContentPage, HomePage

SECTION_TYPES = [page_type for page_type, _slug, _title, _english in PUBLISHING_SECTIONS]


@pytest.fixture
def demo_site(db):
    return load_demo_pages()


class TestDemoSite:
    def test_loading_twice_changes_nothing(self, demo_site):
        counts = (HomePage.objects.count(), ContentPage.objects.count())

        load_demo_pages()

        assert (HomePage.objects.count(), ContentPage.objects.count()) == counts == (2, 6)

    @pytest.mark.parametrize(
        "path",
        [
            "/peraturan/",
            "/laporan-keuangan/",
            "/rencana-kerja/",
            "/informasi-publik/",
            "/daftar-informasi-publik/",
            "/informasi-dikecualikan/",
        ],
    )
    def test_publishing_sections_answer_in_both_languages(self, client, demo_site, path):
        assert client.get(path).status_code == 200
        assert client.get(f"/en{path}").status_code == 200

    def test_publishing_sections_are_created_once(self, demo_site):
        load_demo_pages()

        assert [page.slug for page in Page.objects.type(*SECTION_TYPES).filter(depth=3)] == [
            slug for _type, slug, _title, _english in PUBLISHING_SECTIONS
        ] * 2

    def test_home_page_is_the_site_root_in_indonesian(self, client, demo_site):
        response = client.get("/")

        assert response.status_code == 200
        assert '<html lang="id">' in response.text
        assert "PPID Provinsi Lampung" in response.text
        assert "Profil PPID" in response.text

    def test_english_translation_under_its_own_prefix(self, client, demo_site):
        response = client.get("/en/")

        assert response.status_code == 200
        assert '<html lang="en">' in response.text
        assert "About the PPID" in response.text

    def test_language_switcher_links_to_the_same_page_translated(self, client, demo_site):
        response = client.get("/profil-ppid/")

        assert 'href="/en/profil-ppid/"' in response.text
        assert 'hreflang="en"' in response.text

    def test_language_switcher_keeps_a_search_and_its_words(self, client, demo_site):
        indonesian = client.get("/search/?q=apbd&year=2023").text
        english = client.get("/en/search/?q=apbd").text

        assert 'href="/en/search/?q=apbd&amp;year=2023" hreflang="en"' in indonesian
        assert 'href="/search/?q=apbd" hreflang="id"' in english

    def test_the_brand_and_the_switcher_of_other_views_lead_home_translated(
        self, client, demo_site
    ):
        html = client.get("/en/permohonan-informasi/").text

        assert '<a class="site-header__brand" href="/en/">' in html
        assert 'href="/permohonan-informasi/" hreflang="id"' in html

    def test_pages_have_landmarks_and_a_skip_link(self, client, demo_site):
        html = client.get("/profil-ppid/").text

        for fragment in (
            '<a class="skip-link" href="#main">',
            "<header",
            '<main id="main"',
            "<footer",
        ):
            assert fragment in html


class TestSitemap:
    def test_lists_the_pages_of_both_languages(self, client, demo_site):
        response = client.get("/sitemap.xml")

        assert response.status_code == 200
        assert "/profil-ppid/</loc>" in response.text
        assert "/en/profil-ppid/</loc>" in response.text


class TestErrors:
    def test_unknown_page_is_a_friendly_404(self, client, demo_site):
        response = client.get("/tidak-ada/")

        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.text or "Page not found" in response.text

    def test_a_server_error_is_a_friendly_500_in_both_languages(self, rf):
        # Django's own handler with our template: it must render without the database or context.
        response = server_error(rf.get("/"))

        assert response.status_code == 500
        html = response.content.decode()
        assert "Terjadi kesalahan pada server" in html
        assert "Server error" in html

    def test_too_long_search_is_a_400_with_a_message(self, client, demo_site):
        response = client.get("/search/", {"q": "x" * 500})

        assert response.status_code == 400
        assert 'role="alert"' in response.text

    def test_nonsense_page_number_is_a_400_with_a_message(self, client, demo_site):
        response = client.get("/search/", {"q": "informasi", "page": "abc"})

        assert response.status_code == 400
        assert 'role="alert"' in response.text


class TestAdmin:
    def test_admin_login_page(self, client, db):
        assert client.get("/admin/login/").status_code == 200

    def test_superuser_reaches_the_dashboard(self, client, admin_user):
        client.force_login(admin_user)

        assert client.get("/admin/").status_code == 200
