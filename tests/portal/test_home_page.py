import datetime
import gzip
import re
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Site

from information_requests import workflow
from portal.blocks import QuickLinkBlock
from portal.demo import load_demo_pages
from tests.information_requests.factories import StaffFactory, submit_request
from tests.ppid_docs.factories import (
    AgencyFactory,
    AgencyIndexPageFactory,
    AgencyPageFactory,
    RegulationPageFactory,
)

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "static"
BUDGET_BYTES = 60 * 1024


@pytest.fixture
def demo_site(db):
    return load_demo_pages()


@pytest.fixture
def agency_section(demo_site):
    agencies = AgencyIndexPageFactory(parent=demo_site[0], slug="opd", show_in_menus=False)
    return AgencyPageFactory(parent=agencies, agency=AgencyFactory(name="Biro Hukum"))


def regulations(section, count):
    return [
        RegulationPageFactory(parent=section, title=f"Perda Nomor {n} Tahun 2025", number=str(n))
        for n in range(1, count + 1)
    ]


class TestHomePage:
    def test_has_a_search_box_and_the_quick_links_editors_set(self, client, demo_site):
        html = client.get("/").text

        assert '<form class="home-search" role="search" action="/search/"' in html
        for link in (
            'href="/permohonan-informasi/"',
            'href="/permohonan-informasi/lacak/"',
            'href="/daftar-informasi-publik/"',
        ):
            assert link in html

    def test_quick_links_lead_to_the_english_pages_in_english(self, client, demo_site):
        html = client.get("/en/").text

        assert 'href="/en/permohonan-informasi/"' in html
        assert 'href="/en/daftar-informasi-publik/"' in html
        assert "Request information" in html

    def test_shows_the_newest_publications_of_each_list(self, client, agency_section):
        made = regulations(agency_section, 4)

        html = client.get("/").text

        newest_three = [page.title for page in reversed(made)][:3]
        section = html.split('id="latest-')[1]
        assert re.findall(r"Perda Nomor \d Tahun 2025", section) == newest_three
        assert "Biro Hukum" in section

    def test_queries_do_not_grow_with_what_is_published(self, client, agency_section):
        regulations(agency_section, 1)
        client.get("/")  # the site's root paths and settings are cached from then on
        with CaptureQueriesContext(connection) as few:
            client.get("/")
        regulations(agency_section, 6)
        client.get("/")  # publishing rebuilt the cached site chrome
        with CaptureQueriesContext(connection) as many:
            client.get("/")

        # Routing, the site header and footer, the quick links, this year's service figures, the
        # latest news and, for each of the four publication lists, its view restrictions and
        # newest items.
        assert len(many) == len(few) == 31

    def test_shows_this_years_service_figures(self, client, demo_site):
        staff = StaffFactory()
        submitted = datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC)
        on_time = submit_request(submitted_at=submitted)
        late = submit_request(submitted_at=submitted)
        submit_request(submitted_at=submitted)
        details = {"information_provided": "LRA 2025", "information_form": "softcopy"}
        answer = {"actor": staff, "outcome": "granted_full", "details": details}
        workflow.answer(on_time, **answer, now=submitted)
        workflow.answer(late, **answer, now=submitted.replace(month=6))

        with time_machine.travel(datetime.datetime(2026, 7, 1, 3, 0, tzinfo=datetime.UTC)):
            html = client.get("/").text

        figures = re.findall(r"<dd>([^<]*)</dd>", html.split('id="service-figures-title"')[1])
        assert figures[:3] == ["3", "2", "50%"]


class TestSiteChrome:
    def test_main_navigation_lists_the_pages_editors_put_in_menus(self, client, demo_site):
        html = client.get("/peraturan/").text
        navigation = html.split('class="main-nav"')[1].split("</nav>")[0]

        assert '<a href="/profil-ppid/">Profil PPID</a>' in navigation
        assert '<a href="/peraturan/" aria-current="page">Peraturan</a>' in navigation

    def test_a_page_inside_a_section_marks_the_section_and_has_breadcrumbs(
        self, client, agency_section
    ):
        regulation = regulations(agency_section, 1)[0]

        html = client.get(regulation.url).text

        breadcrumbs = html.split('class="breadcrumbs')[1].split("</nav>")[0]
        assert '<a href="/">' in breadcrumbs
        assert "Biro Hukum" in breadcrumbs
        assert f'<li aria-current="page">{regulation.title}</li>' in breadcrumbs

    def test_pages_carry_a_canonical_address_and_opengraph_tags(self, client, demo_site):
        html = client.get("/profil-ppid/").text

        # Addresses on the site's configured host, whatever host the request came through.
        site = Site.objects.get(is_default_site=True).root_url
        assert f'<link rel="canonical" href="{site}/profil-ppid/">' in html
        assert f'<link rel="alternate" hreflang="en" href="{site}/en/profil-ppid/">' in html
        assert '<meta property="og:title" content="Profil PPID">' in html
        assert '<meta property="og:locale" content="id_ID">' in html

    def test_the_footer_gives_the_contact_details_editors_keep(self, client, demo_site):
        footer = client.get("/").text.split("<footer")[1]

        assert "ppid@lampungprov.go.id" in footer
        assert "Jl. Wolter Monginsidi No. 69" in footer
        assert "08.00" in footer

    def test_robots_txt_keeps_crawlers_out_of_private_places_and_names_the_sitemap(
        self, client, demo_site
    ):
        response = client.get("/robots.txt")

        assert response["Content-Type"].startswith("text/plain")
        lines = response.text.splitlines()
        assert "Disallow: /admin/" in lines
        assert "Disallow: /permohonan-informasi/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines


class TestPageWeight:
    def test_home_page_with_its_css_and_script_fits_the_budget(self, client, agency_section):
        regulations(agency_section, 3)
        html = client.get("/").content

        stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
        scripts = re.findall(rb'<script[^>]* src="/static/([^"]+)"', html)
        assert len(stylesheets) == 1
        assert len(scripts) <= 1
        assets = [(STATIC / name.decode()).read_bytes() for name in stylesheets + scripts]
        transferred = sum(len(gzip.compress(body)) for body in [html, *assets])
        print(f"home page: {transferred} bytes gzipped without images")
        assert transferred <= BUDGET_BYTES


class TestQuickLinkBlock:
    def test_needs_exactly_one_destination(self):
        block = QuickLinkBlock()

        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"label": "Lacak", "service": "", "url": ""}))
        with pytest.raises(StructBlockValidationError):
            block.clean(
                block.to_python(
                    {"label": "Lacak", "service": "information_requests:track", "url": "/x/"}
                )
            )

    @pytest.mark.parametrize("address", ["/laporan-tahunan/", "https://jdih.lampungprov.go.id/"])
    def test_accepts_a_path_or_a_web_address(self, address):
        block = QuickLinkBlock()

        assert block.clean(block.to_python({"label": "JDIH", "url": address}))["url"] == address

    def test_refuses_anything_else_as_an_address(self):
        block = QuickLinkBlock()

        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"label": "JDIH", "url": "javascript:alert(1)"}))
