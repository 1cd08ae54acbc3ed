"""The demo history behind `make run`'s service report and statistics pages."""

import pytest

from information_requests.demo import load_demo_service
from information_requests.models import (
    InformationRequest,
    Objection,
    SatisfactionResponse,
    ServiceReportPage,
    ServiceStatisticsPage,
)
from portal.demo import load_demo_pages, load_demo_service_pages
from tests.information_requests.conftest import IN_DECEMBER
from tests.information_requests.factories import submit_request
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_files_on_disk", "in_december"),
]


@pytest.fixture
def demo_site():
    load_demo_pages()
    AgencyFactory(name="Dinas Kesehatan Provinsi Lampung")
    AgencyFactory(name="Dinas Pendidikan dan Kebudayaan Provinsi Lampung")


@pytest.mark.usefixtures("demo_site")
class TestDemoService:
    def test_fills_the_report_and_the_statistics_of_last_year_and_this_year(self, client):
        pages = load_demo_service_pages()
        service = load_demo_service()

        assert [type(page) for page in pages] == [ServiceReportPage, ServiceStatisticsPage]
        assert pages[0].year == 2025
        # Twice a month from January 2025 to 20 November 2026.
        assert service.requests == InformationRequest.objects.count() == 46
        assert service.objections == Objection.objects.count() > 0
        assert service.ratings == SatisfactionResponse.objects.count() > 10
        assert InformationRequest.objects.filter(agency__isnull=False).count() > 0
        report = client.get("/laporan-layanan-informasi-2025/")
        assert report.status_code == 200
        assert report.context["figures"].received == 24
        statistics = client.get("/statistik-layanan-informasi/")
        assert statistics.status_code == 200
        assert statistics.context["satisfaction"].year is not None
        assert client.get("/en/statistik-layanan-informasi/").status_code == 200

    def test_every_case_happened_before_today(self):
        load_demo_service()

        assert not InformationRequest.objects.filter(answered_at__gt=IN_DECEMBER).exists()
        assert not SatisfactionResponse.objects.filter(submitted_at__gt=IN_DECEMBER).exists()
        assert not Objection.objects.filter(answered_at__gt=IN_DECEMBER).exists()
        assert InformationRequest.objects.open().exists()  # the latest are still being answered

    def test_loading_again_changes_nothing(self):
        first_pages = load_demo_service_pages()
        load_demo_service()

        again = load_demo_service()

        assert again is None
        assert [page.pk for page in load_demo_service_pages()] == [p.pk for p in first_pages]
        assert InformationRequest.objects.count() == 46
        assert ServiceStatisticsPage.objects.count() == 2  # Indonesian and English

    def test_a_real_register_is_never_mixed_with_demo_cases(self):
        submit_request()

        assert load_demo_service() is None
        assert InformationRequest.objects.count() == 1
