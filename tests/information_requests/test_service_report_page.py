import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from information_requests import workflow
from information_requests.models import InformationRequest
from information_requests.satisfaction import ELEMENT_FIELDS
from information_requests.survey import record_response
from tests.information_requests.factories import (
    REQUESTER,
    ServiceReportPageFactory,
    StaffFactory,
    answer_granted,
    assigned_request,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_on_disk")]


@pytest.fixture
def report(home_page):
    return ServiceReportPageFactory(parent=home_page)


@pytest.fixture
def year_of_requests():
    """2026: six requests for the health office (two answered: in 2 and in 15 working days, the
    second rejected and late), one for the education office; 2025: one more."""
    utama = StaffFactory()
    health = AgencyFactory(name="Dinas Kesehatan")
    answer_granted(assigned_request(health), utama)
    workflow.answer(
        assigned_request(health),
        actor=utama,
        outcome="rejected",
        details={"exemption_ground": "h", "consequence_test": "Rahasia pribadi."},
        now=datetime.datetime(2026, 9, 29, 3, 0, tzinfo=datetime.UTC),
    )
    for _index in range(4):
        assigned_request(health)
    assigned_request(AgencyFactory(name="Dinas Pendidikan"))
    submit_request(submitted_at=datetime.datetime(2025, 9, 9, 2, 0, tzinfo=datetime.UTC))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.usefixtures("year_of_requests")
class TestServiceReportPage:
    def test_shows_the_computed_figures_beside_the_narrative(self, client, report, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 5

        response = client.get(report.url)

        html = response.content.decode()
        assert response.status_code == 200
        figures = response.context["figures"]
        assert (figures.received, figures.answered, figures.answered_on_time) == (7, 2, 1)
        assert (figures.response_times.median, figures.response_times.percentile_90) == (8.5, 15)
        assert [section.slug for section in response.context["sections"]] == [
            "requests",
            "response-time",
            "rejection-grounds",
            "agencies",
            "objections",
            "disputes",
            "satisfaction",
        ]
        assert '<td class="num">8,5</td>' in html  # the median, written the Indonesian way
        assert "Jumlah petugas PPID Pelaksana masih terbatas." in html
        assert "Dinas Kesehatan" in html

    def test_pools_agencies_with_few_requests(self, client, report, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 5

        agencies = client.get(report.url).context["agencies"]

        assert [row.received for row in agencies] == [6, 1]
        assert agencies[0].name == "Dinas Kesehatan"
        assert "Dinas Pendidikan" not in client.get(report.url).content.decode()

    def test_never_shows_personal_data(self, client, report):
        html = client.get(report.url).content.decode()

        for personal in ("full_name", "nik", "address", "email", "phone"):
            assert REQUESTER[personal] not in html

    def test_offers_the_figures_as_csv(self, client, report):
        rows = csv_rows(client.get(report.url + "figures.csv"))

        assert len(rows[0]) == 3
        assert len({row[0] for row in rows[1:]}) == 7
        assert rows[1][2] == "7"  # requests received

    def test_gives_the_satisfaction_index_of_the_year(self, client, report, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 2
        for request in InformationRequest.objects.filter(answered_at__isnull=False):
            record_response(request, dict.fromkeys(ELEMENT_FIELDS, 4), "Sangat membantu.")

        rows = csv_rows(client.get(report.url + "figures.csv"))

        satisfaction = [row[1:] for row in rows if row[0].startswith("Kepuasan pemohon")]
        assert satisfaction[0] == ["Jawaban survei kepuasan", "2"]
        assert satisfaction[1] == ["U1 Persyaratan: nilai rata-rata (1–4)", "4.00"]
        assert satisfaction[-2:] == [
            ["Indeks kepuasan (25–100)", "100.00"],
            ["Mutu pelayanan", "A (Sangat baik)"],
        ]
        assert "Sangat membantu." not in client.get(report.url).content.decode()

    def test_publishes_no_index_of_too_few_responses(self, client, report, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 5
        request = InformationRequest.objects.filter(answered_at__isnull=False).first()
        record_response(request, dict.fromkeys(ELEMENT_FIELDS, 4))

        rows = csv_rows(client.get(report.url + "figures.csv"))

        satisfaction = [row[1:] for row in rows if row[0].startswith("Kepuasan pemohon")]
        assert satisfaction == [
            ["Jawaban survei kepuasan", "1"],
            ["Indeks tidak dipublikasikan: kurang dari 5 jawaban", ""],
        ]

    def test_offers_the_report_as_pdf(self, client, report):
        response = client.get(report.url + "report.pdf")

        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert response["Content-Type"] == "application/pdf"
        assert report.title in text
        assert "Jumlah petugas PPID Pelaksana masih terbatas." in text
        assert REQUESTER["full_name"] not in text


class TestYear:
    def test_a_year_not_yet_begun_is_refused(self, home_page):
        page = ServiceReportPageFactory.build(year=2027)

        with pytest.raises(ValidationError) as refused:
            page.full_clean()

        assert "year" in refused.value.message_dict
