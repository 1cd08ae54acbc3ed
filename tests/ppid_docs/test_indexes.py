import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from ppid_docs.models import RegulationIndexPage
from tests.ppid_docs.factories import (
    AgencyFactory,
    AgencyPageFactory,
    ExemptionDecisionFactory,
    ExemptRegisterPageFactory,
    FinancialReportIndexPageFactory,
    FinancialReportPageFactory,
    PublicInformationIndexPageFactory,
    PublicInformationPageFactory,
    RegulationIndexPageFactory,
    RegulationPageFactory,
    RegulationRelationFactory,
    WorkPlanIndexPageFactory,
    WorkPlanPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def listed_titles(html):
    """The titles of the listed items, in order."""
    return re.findall(r'<h3 class="publication-item__title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture
def regulation_index(home_page):
    return RegulationIndexPageFactory(parent=home_page)


@pytest.fixture
def other_agency_page(agency_index):
    return AgencyPageFactory(
        parent=agency_index, agency=AgencyFactory(name="Dinas Kesehatan", slug="dinkes")
    )


@pytest.fixture
def regulations(agency_page, other_agency_page):
    """Four regulations: two Perda, a Pergub and a Kepgub over three years, one revoked."""
    old_perda = RegulationPageFactory(
        parent=agency_page, title="C Perda Retribusi 2019", year=2019, about="Retribusi"
    )
    new_perda = RegulationPageFactory(
        parent=agency_page, title="A Perda Retribusi 2024", year=2024, about="Retribusi Baru"
    )
    pergub = RegulationPageFactory(
        parent=other_agency_page,
        title="B Pergub Kesehatan 2024",
        year=2024,
        regulation_type="pergub",
        category="berkala",
    )
    kepgub = RegulationPageFactory(
        parent=other_agency_page, title="D Kepgub Tim 2021", year=2021, regulation_type="kepgub"
    )
    RegulationRelationFactory(source=new_perda, target=old_perda, kind="revokes")
    return {"old_perda": old_perda, "new_perda": new_perda, "pergub": pergub, "kepgub": kepgub}


class TestWhatIsListed:
    def test_live_public_pages_of_the_language_only(
        self, client, regulation_index, regulations, agency_index, english
    ):
        closed_section = AgencyPageFactory(parent=agency_index)
        PageViewRestriction.objects.create(
            page=closed_section, restriction_type="password", password="rahasia"
        )
        RegulationPageFactory(parent=closed_section, title="Private regulation")
        RegulationPageFactory(parent=regulations["kepgub"].get_parent(), title="Draft", live=False)
        RegulationPageFactory(
            parent=regulations["kepgub"].get_parent(), title="English one", locale=english
        )

        response = client.get(regulation_index.url)

        assert response.status_code == 200
        assert listed_titles(response.text) == [
            "B Pergub Kesehatan 2024",
            "A Perda Retribusi 2024",
            "D Kepgub Tim 2021",
            "C Perda Retribusi 2019",
        ]

    def test_each_item_shows_its_type_agency_and_status(
        self, client, regulation_index, regulations
    ):
        html = client.get(regulation_index.url).text

        assert "Dinas Kesehatan" in html
        assert html.count("badge--dicabut") == 1
        assert html.count("badge--berlaku") == 3

    def test_unfiltered_list_may_be_indexed_and_offers_its_feeds(
        self, client, regulation_index, regulations
    ):
        html = client.get(regulation_index.url).text

        assert 'name="robots"' not in html
        assert f'href="{regulation_index.url}feed/rss/"' in html
        assert f'href="{regulation_index.url}feed/atom/"' in html


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"year": "2024"}, ["B Pergub Kesehatan 2024", "A Perda Retribusi 2024"]),
            ({"type": "perda"}, ["A Perda Retribusi 2024", "C Perda Retribusi 2019"]),
            ({"agency": "dinkes"}, ["B Pergub Kesehatan 2024", "D Kepgub Tim 2021"]),
            ({"category": "berkala"}, ["B Pergub Kesehatan 2024"]),
            ({"status": "dicabut"}, ["C Perda Retribusi 2019"]),
            ({"year": "2024", "agency": "dinkes"}, ["B Pergub Kesehatan 2024"]),
            ({"type": "perda", "status": "berlaku"}, ["A Perda Retribusi 2024"]),
            ({"year": "2020"}, []),
        ],
    )
    def test_narrow_the_list(self, client, regulation_index, regulations, query, expected):
        response = client.get(regulation_index.url, query)

        assert response.status_code == 200
        assert listed_titles(response.text) == expected
        assert '<meta name="robots" content="noindex">' in response.text

    def test_show_how_many_items_each_value_gives(self, client, regulation_index, regulations):
        html = client.get(regulation_index.url, {"agency": "dinkes"}).text

        # Counts of each filter follow the other filters chosen.
        assert '<option value="2024">2024 (1)</option>' in html
        assert '<option value="2019">' not in html
        assert re.search(r'<option value="dinkes" selected>Dinas Kesehatan \(2\)</option>', html)
        assert re.search(r'<option value="berlaku">[^<]*\(2\)</option>', html)

    @pytest.mark.parametrize(
        "query",
        [
            {"year": "abc"},
            {"year": "20245"},
            {"type": "undang_undang"},
            {"agency": "no-such-agency"},
            {"category": "rahasia"},
            {"status": "unknown"},
            {"sort": "random"},
        ],
    )
    def test_invalid_values_are_answered_400_with_a_message(
        self, client, regulation_index, regulations, query
    ):
        response = client.get(regulation_index.url, query)

        assert response.status_code == 400
        assert 'role="alert"' in response.text
        # The invalid value is left out; the rest of the page still works.
        assert len(listed_titles(response.text)) == 4

    def test_valid_filters_still_apply_next_to_an_invalid_one(
        self, client, regulation_index, regulations
    ):
        response = client.get(regulation_index.url, {"year": "abc", "type": "pergub"})

        assert response.status_code == 400
        assert listed_titles(response.text) == ["B Pergub Kesehatan 2024"]

    @pytest.mark.parametrize(
        ("index_factory", "page_factory", "type_value", "other_type"),
        [
            (FinancialReportIndexPageFactory, FinancialReportPageFactory, "lra", "apbd"),
            (WorkPlanIndexPageFactory, WorkPlanPageFactory, "rpjmd", "rkpd"),
            (PublicInformationIndexPageFactory, PublicInformationPageFactory, "sop", "maklumat"),
        ],
    )
    def test_every_kind_filters_on_its_own_type(
        self, client, home_page, agency_page, index_factory, page_factory, type_value, other_type
    ):
        index = index_factory(parent=home_page)
        type_field = index.type_field
        wanted = page_factory(parent=agency_page, title="Wanted", **{type_field: type_value})
        page_factory(parent=agency_page, title="Other", **{type_field: other_type})

        response = client.get(index.url, {"type": type_value})

        assert listed_titles(response.text) == [wanted.title]
        assert client.get(index.url, {"status": "dicabut"}).status_code == 200  # not a filter here


class TestSort:
    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            (
                "newest",
                [
                    "B Pergub Kesehatan 2024",
                    "A Perda Retribusi 2024",
                    "D Kepgub Tim 2021",
                    "C Perda Retribusi 2019",
                ],
            ),
            (
                "oldest",
                [
                    "C Perda Retribusi 2019",
                    "D Kepgub Tim 2021",
                    "A Perda Retribusi 2024",
                    "B Pergub Kesehatan 2024",
                ],
            ),
            (
                "title",
                [
                    "A Perda Retribusi 2024",
                    "B Pergub Kesehatan 2024",
                    "C Perda Retribusi 2019",
                    "D Kepgub Tim 2021",
                ],
            ),
        ],
    )
    def test_orders_the_list(self, client, regulation_index, regulations, sort, expected):
        assert listed_titles(client.get(regulation_index.url, {"sort": sort}).text) == expected


class TestPagination:
    @pytest.fixture(autouse=True)
    def two_per_page(self, monkeypatch):
        monkeypatch.setattr(RegulationIndexPage, "listing_per_page", 2)

    @pytest.mark.parametrize(
        ("page", "expected"),
        [
            ("1", ["B Pergub Kesehatan 2024", "A Perda Retribusi 2024"]),
            ("2", ["D Kepgub Tim 2021", "C Perda Retribusi 2019"]),
            ("abc", ["B Pergub Kesehatan 2024", "A Perda Retribusi 2024"]),
            ("99", ["D Kepgub Tim 2021", "C Perda Retribusi 2019"]),
            ("-1", ["D Kepgub Tim 2021", "C Perda Retribusi 2019"]),
        ],
    )
    def test_any_page_number_gives_a_page(
        self, client, regulation_index, regulations, page, expected
    ):
        response = client.get(regulation_index.url, {"page": page})

        assert response.status_code == 200
        assert listed_titles(response.text) == expected

    def test_page_links_keep_the_filters(self, client, regulation_index, regulations):
        RegulationPageFactory(parent=regulations["old_perda"].get_parent(), year=2010)

        html = client.get(regulation_index.url, {"type": "perda", "sort": "oldest"}).text

        assert 'href="?type=perda&amp;sort=oldest&amp;page=2"' in html


class TestFeeds:
    def test_rss_lists_the_filtered_items(self, client, regulation_index, regulations):
        response = client.get(regulation_index.url + "feed/rss/", {"agency": "dinkes"})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        assert [item.findtext("title") for item in channel.findall("item")] == [
            "B Pergub Kesehatan 2024",
            "D Kepgub Tim 2021",
        ]
        assert channel.findtext("title") == "Peraturan: Dinas Kesehatan"
        assert channel.findtext("link").endswith(f"{regulation_index.url}?agency=dinkes")
        assert channel.find("item").findtext("link") == regulations["pergub"].full_url

    def test_atom_lists_the_filtered_items(self, client, regulation_index, regulations):
        response = client.get(regulation_index.url + "feed/atom/", {"status": "dicabut"})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["C Perda Retribusi 2019"]
        assert entries[0].find(f"{ATOM}link").get("href") == regulations["old_perda"].full_url

    def test_filtered_page_links_to_its_filtered_feeds(self, client, regulation_index, regulations):
        html = client.get(regulation_index.url, {"year": "2024"}).text

        assert f'href="{regulation_index.url}feed/rss/?year=2024"' in html

    def test_invalid_filters_are_a_400(self, client, regulation_index, regulations):
        response = client.get(regulation_index.url + "feed/rss/", {"year": "abc"})

        assert response.status_code == 400


class TestQueryCount:
    @pytest.mark.parametrize("size", [3, 12])
    def test_stays_the_same_whatever_the_list_size(
        self, client, regulation_index, agency_page, django_assert_num_queries, size
    ):
        for number in range(size):
            older = RegulationPageFactory(parent=agency_page, year=2000 + number)
            RegulationRelationFactory(
                source=RegulationPageFactory(parent=agency_page, year=2020), target=older
            )

        # Wagtail's routing and the site header take 12; the listing: the view restrictions, the
        # agencies, the five filters' counts (one query), the total and the page of items.
        with django_assert_num_queries(23):
            response = client.get(regulation_index.url, {"sort": "title"})

        assert len(listed_titles(response.text)) == min(size * 2, 20)

    @pytest.mark.parametrize("size", [3, 12])
    def test_feed_stays_the_same_whatever_its_size(
        self, client, regulation_index, agency_page, django_assert_num_queries, size
    ):
        for number in range(size):
            RegulationPageFactory(parent=agency_page, year=2000 + number)

        with django_assert_num_queries(12):
            client.get(regulation_index.url + "feed/rss/")


class TestExemptRegister:
    def test_lists_exemptions_in_force_and_expired(self, client, home_page, document):
        register = ExemptRegisterPageFactory(parent=home_page)
        in_force = ExemptionDecisionFactory(
            information="Dokumen penawaran tender jalan",
            consequence_test=document,
            exempt_until=datetime.date(2099, 1, 1),
        )
        permanent = ExemptionDecisionFactory(
            information="Data pribadi pemohon", ground="h", exempt_until=None, exemption_period=""
        )
        expired = ExemptionDecisionFactory(
            information="Rencana lelang 2019", exempt_until=datetime.date(2020, 1, 1)
        )

        html = client.get(register.url).text

        in_force_part, expired_part = html.split('id="expired-heading"')
        assert in_force.information in in_force_part and permanent.information in in_force_part
        assert expired.information in expired_part and expired.information not in in_force_part
        assert f'href="{document.url}"' in in_force_part
        assert f'id="exemption-{in_force.pk}"' in html
        with translation.override("id"):
            for shown in (
                in_force.decided_by,
                in_force.reasons,
                in_force.agency.name,
                "5 tahun",
                "1 Januari 2099",
                str(in_force.get_ground_display()),
                str(permanent.get_ground_display()),
            ):
                assert shown in html
