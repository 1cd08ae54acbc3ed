import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from tests.ppid_docs.factories import (
    AgencyPageFactory,
    DipPageFactory,
    ExemptionDecisionFactory,
    ExemptRegisterPageFactory,
    FinancialReportPageFactory,
    PublicInformationPageFactory,
    RegulationPageFactory,
    WorkPlanPageFactory,
)


def group_html(html, category):
    """The part of the DIP page listing one category."""
    start = html.index(f'<section id="dip-{category}"')
    return html[start : html.index("</section>", start)]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else str(value) for value in row] for row in sheet.values]


@pytest.fixture
def dip_page(home_page):
    return DipPageFactory(parent=home_page)


@pytest.fixture
def published(agency_page):
    """One item of each kind, in each UU KIP category, plus an exemption decision."""
    return {
        "berkala": [
            FinancialReportPageFactory(parent=agency_page, title="APBD 2024", category="berkala"),
            RegulationPageFactory(parent=agency_page, title="Perda KIP", category="berkala"),
        ],
        "serta_merta": [
            PublicInformationPageFactory(
                parent=agency_page, title="Peringatan banjir", category="serta_merta"
            )
        ],
        "setiap_saat": [
            WorkPlanPageFactory(
                parent=agency_page,
                title="RKPD 2025",
                category="setiap_saat",
                holder="Bappeda",
                responsible_person="Kepala Bidang Perencanaan",
                produced_on=datetime.date(2024, 6, 3),
                retention_period="10 tahun",
                document_form="both",
            )
        ],
        "dikecualikan": [
            PublicInformationPageFactory(
                parent=agency_page, title="Pemberitahuan pengecualian", category="dikecualikan"
            ),
        ],
        "decision": ExemptionDecisionFactory(
            information="Dokumen penawaran lelang", exempt_until=datetime.date(2099, 1, 1)
        ),
    }


class TestDipPage:
    def test_lists_every_published_item_in_its_category(self, client, dip_page, published):
        html = client.get(dip_page.url).text

        for category in ("berkala", "serta_merta", "setiap_saat", "dikecualikan"):
            part = group_html(html, category)
            for page in published[category]:
                assert f'<a href="{page.url}">{page.title}</a>' in part
        assert published["decision"].information in group_html(html, "dikecualikan")

    def test_shows_the_dip_columns(self, client, dip_page, published):
        part = group_html(client.get(dip_page.url).text, "setiap_saat")

        for shown in (
            "Bappeda",
            "Kepala Bidang Perencanaan",
            "3 Juni 2024, Bandar Lampung",
            "10 tahun",
            "Ringkasan isi informasi.",
        ):
            assert shown in part

    def test_leaves_out_drafts_private_pages_other_languages_and_expired_exemptions(
        self, client, dip_page, published, agency_page, agency_index, english
    ):
        RegulationPageFactory(parent=agency_page, title="Draft regulation", live=False)
        closed_section = AgencyPageFactory(parent=agency_index)
        PageViewRestriction.objects.create(
            page=closed_section, restriction_type="password", password="rahasia"
        )
        WorkPlanPageFactory(parent=closed_section, title="Private plan")
        PublicInformationPageFactory(parent=agency_page, title="English notice", locale=english)
        ExemptionDecisionFactory(
            information="Expired secret", exempt_until=datetime.date(2020, 1, 1)
        )

        html = client.get(dip_page.url).text

        for hidden in ("Draft regulation", "Private plan", "English notice", "Expired secret"):
            assert hidden not in html

    def test_links_exemptions_to_the_register(self, client, dip_page, published, home_page):
        register = ExemptRegisterPageFactory(parent=home_page)

        html = client.get(dip_page.url).text

        anchor = f"#exemption-{published['decision'].pk}"
        assert f'href="{register.url}{anchor}"' in html
        rows = csv_rows(client.get(dip_page.url + "export.csv"))
        assert [row[9] for row in rows if row[2] == "Dokumen penawaran lelang"] == [
            register.full_url + anchor
        ]

    @pytest.mark.parametrize("size", [1, 5])
    def test_query_count_does_not_grow_with_the_list(
        self, client, dip_page, agency_page, django_assert_num_queries, size
    ):
        for number in range(size):
            RegulationPageFactory(parent=agency_page)
            FinancialReportPageFactory(parent=agency_page, title=f"Laporan {number}")
            WorkPlanPageFactory(parent=agency_page, title=f"Rencana {number}")
            PublicInformationPageFactory(parent=agency_page)
            ExemptionDecisionFactory()

        # Wagtail's routing and the site chrome take 18; the DIP: the language, the register
        # (with the view restrictions), the view restrictions, one query per kind, the exemptions.
        with django_assert_num_queries(27):
            response = client.get(dip_page.url)

        # A row per item, and a header row in each of the three categories used.
        assert response.text.count("<tr>") == 5 * size + 3


class TestDipExports:
    def test_csv_and_xlsx_hold_the_same_rows(self, client, dip_page, published):
        as_csv = client.get(dip_page.url + "export.csv")
        as_xlsx = client.get(dip_page.url + "export.xlsx")

        assert as_csv.status_code == as_xlsx.status_code == 200
        assert as_csv["Content-Disposition"].startswith('attachment; filename="daftar-informasi')
        assert as_xlsx["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        rows = csv_rows(as_csv)
        assert rows == xlsx_rows(as_xlsx)
        assert len(rows) == 1 + 6  # the header, five pages and the exemption decision
        titles = [row[2] for row in rows[1:]]
        assert set(titles) == {
            "APBD 2024",
            "Perda KIP",
            "Peringatan banjir",
            "RKPD 2025",
            "Pemberitahuan pengecualian",
            "Dokumen penawaran lelang",
        }
        plan_row = next(row for row in rows if row[2] == "RKPD 2025")
        assert plan_row[0] == "1"
        assert plan_row[4:7] == [
            "Bappeda",
            "Kepala Bidang Perencanaan",
            "3 Juni 2024, Bandar Lampung",
        ]
        assert plan_row[9] == published["setiap_saat"][0].full_url

    def test_text_that_looks_like_a_formula_stays_text(self, client, dip_page, agency_page):
        PublicInformationPageFactory(parent=agency_page, title='=HYPERLINK("http://x","klik")')

        csv_title = csv_rows(client.get(dip_page.url + "export.csv"))[1][2]
        sheet = load_workbook(io.BytesIO(client.get(dip_page.url + "export.xlsx").content)).active

        assert csv_title == '\'=HYPERLINK("http://x","klik")'
        assert sheet["C2"].data_type == "s"
        assert sheet["C2"].value == '=HYPERLINK("http://x","klik")'
