import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.ppid_docs.factories import (
    FinancialFigureFactory,
    FinancialReportPageFactory,
    PublicInformationPageFactory,
    RegulationPageFactory,
    RegulationRelationFactory,
    WorkPlanPageFactory,
    WorkPlanProgrammeFactory,
)

BILLION = 10**9
BUDGET = {
    "pendapatan_daerah": 7_000 * BILLION,
    "pendapatan_asli_daerah": 3_000 * BILLION,
    "pendapatan_transfer": 3_900 * BILLION,
    "lain_lain_pendapatan_daerah_yang_sah": 100 * BILLION,
    "belanja_daerah": 7_200 * BILLION,
    "belanja_operasi": 5_000 * BILLION,
    "belanja_modal": 1_500 * BILLION,
    "belanja_tidak_terduga": 100 * BILLION,
    "belanja_transfer": 600 * BILLION,
    "surplus_defisit": -200 * BILLION,
}
REALISATION = {
    "pendapatan_daerah": 6_800 * BILLION,
    "pendapatan_asli_daerah": 2_900 * BILLION,
    "pendapatan_transfer": 3_850 * BILLION,
    "lain_lain_pendapatan_daerah_yang_sah": 50 * BILLION,
    "belanja_daerah": 6_600 * BILLION,
    "belanja_operasi": 4_800 * BILLION,
    "belanja_modal": 1_200 * BILLION,
    "belanja_tidak_terduga": 0,
    "belanja_transfer": 600 * BILLION,
    "surplus_defisit": 200 * BILLION,
    "total_aset": 30_000 * BILLION,
    "total_kewajiban": 1_000 * BILLION,
    "ekuitas": 29_000 * BILLION,
}


def with_figures(report, values):
    for order, (line, amount) in enumerate(values.items()):
        FinancialFigureFactory(page=report, line=line, amount=amount, sort_order=order)
    return report


def svg_charts(html):
    """Every inline SVG of the page, parsed as XML (so malformed markup fails the test)."""
    charts = []
    start = html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        charts.append(ET.fromstring(html[start:end]))
        start = html.find("<svg", end)
    return charts


class TestRegulationPage:
    def test_shows_its_metadata_and_document(self, client, agency_page, document):
        regulation = RegulationPageFactory(
            parent=agency_page,
            number="8",
            year=2019,
            about="Pajak Daerah",
            enacted_on=datetime.date(2019, 12, 20),
            promulgated_on=datetime.date(2019, 12, 23),
            legal_field="Keuangan daerah",
            source="Lembaran Daerah Provinsi Lampung Tahun 2019 Nomor 8",
            abstract="Mengatur jenis pajak provinsi.",
            document=document,
        )
        regulation.subjects.add("pajak kendaraan")
        regulation.save()

        response = client.get(regulation.url)

        html = response.text
        assert response.status_code == 200
        for shown in (
            "Pajak Daerah",
            "Keuangan daerah",
            "Lembaran Daerah Provinsi Lampung Tahun 2019 Nomor 8",
            "Mengatur jenis pajak provinsi.",
            "pajak kendaraan",
            "Provinsi Lampung",
            "Bahasa Indonesia",
            "Bandar Lampung",
            agency_page.agency.name,
            "badge--berlaku",
        ):
            assert shown in html
        assert f'href="{document.url}"' in html
        assert "14" in html and "244" in html  # pages, and the size in KB

    def test_revoked_regulation_says_dicabut_and_links_both_ways(self, client, agency_page):
        old = RegulationPageFactory(parent=agency_page, year=2011, about="Retribusi Lama")
        new = RegulationPageFactory(parent=agency_page, year=2024, about="Retribusi Baru")
        RegulationRelationFactory(source=new, target=old, kind="revokes")

        old_html = client.get(old.url).text
        new_html = client.get(new.url).text

        assert "badge--dicabut" in old_html
        assert "dicabut" in old_html.lower()
        assert f'<a href="{new.url}">{new.title}</a>' in old_html
        assert f'<a href="{old.url}">{old.title}</a>' in new_html
        assert "badge--berlaku" in new_html

    def test_draft_regulations_are_not_linked(self, client, agency_page):
        regulation = RegulationPageFactory(parent=agency_page, year=2011)
        draft = RegulationPageFactory(parent=agency_page, year=2024, live=False)
        RegulationRelationFactory(source=draft, target=regulation, kind="revokes")

        html = client.get(regulation.url).text

        assert "badge--berlaku" in html
        assert draft.title not in html


class TestDetailQueryCount:
    @pytest.mark.parametrize("changes", [1, 4])
    def test_regulation_page_does_not_grow_with_its_relations(
        self, client, agency_page, django_assert_num_queries, changes
    ):
        regulation = RegulationPageFactory(parent=agency_page, year=2010)
        for number in range(changes):
            RegulationRelationFactory(
                source=RegulationPageFactory(parent=agency_page, year=2011 + number),
                target=regulation,
            )
            RegulationRelationFactory(
                source=regulation, target=RegulationPageFactory(parent=agency_page, year=2000)
            )

        with django_assert_num_queries(22):
            client.get(regulation.url)

    @pytest.mark.parametrize("reports", [1, 4])
    def test_financial_report_page_does_not_grow_with_the_reports_of_its_year(
        self, client, agency_page, django_assert_num_queries, reports
    ):
        report = with_figures(
            FinancialReportPageFactory(
                parent=agency_page, report_type="lkpd", figures_basis="realisasi"
            ),
            REALISATION,
        )
        for number in range(reports):
            with_figures(
                FinancialReportPageFactory(parent=agency_page, title=f"APBD {number}"), BUDGET
            )

        with django_assert_num_queries(23):
            response = client.get(report.url)

        assert "chart-budget-realisation" in response.text


class TestFinancialReportPage:
    def test_shows_its_figures_by_section_in_rupiah(self, client, agency_page, document):
        report = with_figures(
            FinancialReportPageFactory(parent=agency_page, year=2024, document=document), BUDGET
        )

        html = client.get(report.url).text

        assert 'id="figures-pendapatan"' in html
        assert 'id="figures-belanja"' in html
        assert 'id="figures-neraca"' not in html
        assert "Rp7.000.000.000.000" in html
        assert "-Rp200.000.000.000" in html
        assert 'class="figures__row--depth-1"' in html
        assert f'href="{document.url}"' in html

    def test_charts_what_revenue_and_spending_are_made_of(self, client, agency_page):
        report = with_figures(FinancialReportPageFactory(parent=agency_page), BUDGET)

        html = client.get(report.url).text

        charts = svg_charts(html)
        assert len(charts) == 2
        for chart in charts:
            assert chart.get("role") == "img"
            assert chart.find("{http://www.w3.org/2000/svg}title").text
        assert "42,9%" in html  # own-source revenue: 3,000 of 7,000 billion
        assert "chart-budget-realisation" not in html

    def test_compares_the_latest_budget_with_the_realisation(self, client, agency_page):
        with_figures(
            FinancialReportPageFactory(parent=agency_page, year=2024, report_type="apbd"),
            {**BUDGET, "pendapatan_daerah": 1},
        )
        revised = with_figures(
            FinancialReportPageFactory(
                parent=agency_page, year=2024, report_type="apbd_p", title="Perubahan APBD 2024"
            ),
            BUDGET,
        )
        realisation = with_figures(
            FinancialReportPageFactory(
                parent=agency_page,
                year=2024,
                report_type="lkpd",
                figures_basis="realisasi",
                title="LKPD 2024",
            ),
            REALISATION,
        )

        html = client.get(realisation.url).text

        assert 'id="chart-budget-realisation-title"' in html
        assert f'<a href="{revised.url}">Perubahan APBD 2024</a>' in html
        assert "97,1%" in html  # revenue: 6,800 of 7,000 billion
        assert len(svg_charts(html)) == 3
        assert 'id="chart-budget-realisation-title"' in client.get(revised.url).text

    def test_other_years_are_not_compared(self, client, agency_page):
        with_figures(FinancialReportPageFactory(parent=agency_page, year=2023), BUDGET)
        realisation = with_figures(
            FinancialReportPageFactory(
                parent=agency_page, year=2024, report_type="lra", figures_basis="realisasi"
            ),
            REALISATION,
        )

        assert "chart-budget-realisation" not in client.get(realisation.url).text

    def test_figures_download_as_csv_for_excel(self, client, agency_page):
        report = with_figures(
            FinancialReportPageFactory(parent=agency_page, slug="apbd-2024"), BUDGET
        )

        response = client.get(report.url + "figures.csv")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="apbd-2024.csv"'
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["line", "label", "amount"]
        assert [row[0] for row in rows[1:]] == [
            "pendapatan_daerah",
            "pendapatan_asli_daerah",
            "pendapatan_transfer",
            "lain_lain_pendapatan_daerah_yang_sah",
            "belanja_daerah",
            "belanja_operasi",
            "belanja_modal",
            "belanja_tidak_terduga",
            "belanja_transfer",
            "surplus_defisit",
        ]
        assert rows[1][2] == "7000000000000"
        assert rows[-1][2] == "-200000000000"
        assert f'href="{report.url}figures.csv"' in client.get(report.url).text


class TestWorkPlanPage:
    def test_shows_its_programmes_and_total_budget(self, client, agency_page, document):
        plan = WorkPlanPageFactory(
            parent=agency_page, plan_type="rpjmd", period_start=2025, period_end=2029
        )
        plan.document = document
        plan.save()
        WorkPlanProgrammeFactory(page=plan, budget=1_500_000_000)
        WorkPlanProgrammeFactory(page=plan, programme="Jalan provinsi", budget=2_500_000_000)

        html = client.get(plan.url).text

        assert "2025–2029" in html
        assert "Jalan provinsi" in html and "Angka harapan hidup" in html
        assert "Rp4.000.000.000" in html
        assert f'href="{document.url}"' in html


class TestPublicInformationPage:
    def test_shows_its_type_details_and_document(self, client, agency_page, document):
        information = PublicInformationPageFactory(
            parent=agency_page,
            information_type="maklumat",
            holder="Sekretariat PPID",
            responsible_person="Kepala Bidang Informasi",
            produced_on=datetime.date(2024, 5, 2),
            retention_period="5 tahun",
            document=document,
        )

        html = client.get(information.url).text

        for shown in ("Sekretariat PPID", "Kepala Bidang Informasi", "5 tahun", "2024"):
            assert shown in html
        assert f'href="{document.url}"' in html


class TestAgencyPages:
    def test_index_lists_the_agency_sections(self, client, agency_page, agency_index):
        html = client.get(agency_index.url).text

        assert f'<a href="{agency_page.url}">{agency_page.agency.name}</a>' in html

    def test_agency_section_lists_its_live_publications(self, client, agency_page):
        regulation = RegulationPageFactory(parent=agency_page)
        report = FinancialReportPageFactory(parent=agency_page)
        draft = WorkPlanPageFactory(parent=agency_page, live=False)

        html = client.get(agency_page.url).text

        assert regulation.title in html and report.title in html
        assert draft.title not in html


class TestPreviewOfANewPage:
    """Editors preview a page before its first save: nothing may assume it is in the database."""

    DIP_FIELDS = {
        "category": "berkala",
        "summary": "Ringkasan",
        "produced_at": "Bandar Lampung",
        "document_form": "softcopy",
        "retention_period": "Permanen",
        "comments": inline_formset([]),
    }

    def preview(self, client, admin_user, parent, model_name, fields):
        client.force_login(admin_user)
        url = f"/admin/pages/add/ppid_docs/{model_name}/{parent.pk}/preview/"
        posted = client.post(url, nested_form_data({**self.DIP_FIELDS, **fields}))
        assert posted.json()["is_valid"]
        return client.get(url)

    def test_regulation(self, client, admin_user, agency_page):
        response = self.preview(
            client,
            admin_user,
            agency_page,
            "regulationpage",
            {
                "title": "Perda Baru",
                "slug": "perda-baru",
                "regulation_type": "perda",
                "number": "3",
                "year": 2025,
                "about": "Contoh",
                "enacted_at": "Bandar Lampung",
                "issuing_body": "Provinsi Lampung",
                "language": "Bahasa Indonesia",
                "outgoing_relations": inline_formset([]),
            },
        )

        assert response.status_code == 200
        assert "badge--berlaku" in response.text

    def test_financial_report_with_unsaved_figures(self, client, admin_user, agency_page):
        response = self.preview(
            client,
            admin_user,
            agency_page,
            "financialreportpage",
            {
                "title": "APBD Baru",
                "slug": "apbd-baru",
                "report_type": "apbd",
                "year": 2024,
                "period": "tahunan",
                "figures_basis": "anggaran",
                "figures": inline_formset(
                    [{"line": line, "amount": amount} for line, amount in BUDGET.items()]
                ),
            },
        )

        assert response.status_code == 200
        assert "Rp7.000.000.000.000" in response.text
        assert len(svg_charts(response.text)) == 2
