import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from information_requests.satisfaction import ELEMENT_FIELDS
from information_requests.survey import record_response
from tests.information_requests.factories import (
    REQUESTER,
    TUESDAY_MORNING,
    ServiceStatisticsPageFactory,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    answer_objection,
    assigned_request,
    file_objection,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_files_on_disk", "in_december"),
]


@pytest.fixture
def statistics_page(home_page):
    return ServiceStatisticsPageFactory(parent=home_page)


def add_requests(agency, count, answered=True):
    utama = StaffFactory()
    for _index in range(count):
        request = assigned_request(agency)
        if answered:
            answer_granted(request, utama)


def queries_to_render(client, url):
    """Queries to render the page, and how many requests it counted."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.context["figures"].received


class TestStatisticsPage:
    def test_draws_each_chart_with_a_table_of_its_numbers(self, client, statistics_page):
        add_requests(AgencyFactory(name="Dinas Kesehatan"), 5)

        response = client.get(statistics_page.url)

        html = response.content.decode()
        assert response.status_code == 200
        assert [chart.chart_id for chart in response.context["charts"]] == [
            "chart-requests-per-month",
            "chart-outcomes",
            "chart-response-time",
            "chart-on-time-by-agency",
            "chart-objections",
        ]
        assert html.count('role="img"') == 5
        assert html.count('<caption id="chart-') == 5
        requests_per_month = response.context["charts"][0]
        assert requests_per_month.rows[8][1] == "5"  # September
        on_time = response.context["charts"][3]
        assert on_time.rows == [("Dinas Kesehatan", "100%")]
        assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]

    def test_exposes_no_personal_data(self, client, statistics_page):
        agency = AgencyFactory(name="Dinas Kesehatan")
        add_requests(agency, 5)
        objection = file_objection(assigned_request(agency))
        answer_objection(objection, SupervisorFactory())

        html = client.get(statistics_page.url).content.decode()

        for personal in ("full_name", "nik", "address", "email", "phone", "occupation"):
            assert REQUESTER[personal] not in html
        assert objection.registration_number not in html
        assert objection.request.registration_number not in html
        assert not re.search(r"\d{3}/PPID", html)

    def test_pools_agencies_with_few_requests(self, client, statistics_page, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 3
        add_requests(AgencyFactory(name="Dinas Kesehatan"), 3)
        add_requests(AgencyFactory(name="Dinas Kehutanan"), 1)

        response = client.get(statistics_page.url)

        on_time = response.context["charts"][3]
        labels = [label for label, _value in on_time.rows]
        assert labels[0] == "Dinas Kesehatan"
        assert len(labels) == 2
        assert "Dinas Kehutanan" not in response.content.decode()

    def test_shows_an_earlier_year(self, client, statistics_page):
        add_requests(AgencyFactory(), 2)
        assigned_request(AgencyFactory(), submitted_at=TUESDAY_MORNING.replace(year=2025))

        response = client.get(statistics_page.url, {"year": "2025"})

        assert response.context["figures"].received == 1
        assert 'value="2025" selected' in response.content.decode()

    @pytest.mark.parametrize("year", ["2027", "1999", "dua ribu", "2026.5"])
    def test_a_year_it_cannot_show_is_a_400_with_the_reason(self, client, statistics_page, year):
        response = client.get(statistics_page.url, {"year": year})

        assert response.status_code == 400
        assert 'aria-invalid="true"' in response.content.decode()
        assert response.context["year_error"]

    def test_query_count_does_not_grow_with_the_data(self, client, statistics_page):
        agency = AgencyFactory()
        add_requests(agency, 1)
        queries_to_render(client, statistics_page.url)  # the site and locale caches warm up
        few, counted = queries_to_render(client, statistics_page.url)

        add_requests(agency, 4)
        add_requests(AgencyFactory(), 2)
        answer_objection(file_objection(assigned_request(agency)), SupervisorFactory())
        queries_to_render(client, statistics_page.url)  # new agencies rebuilt the site chrome

        assert queries_to_render(client, statistics_page.url) == (few, counted + 7)


COMMENT = "Pak Budi di loket sangat membantu, terima kasih."


def rated_requests(scores_per_request, agency=None):
    """Answered requests, each rated by its requester (today, 2 December: the fourth quarter)."""
    utama = StaffFactory()
    agency = agency or AgencyFactory()
    rated = []
    for scores in scores_per_request:
        request = answer_granted(assigned_request(agency), utama)
        record_response(request, dict(zip(ELEMENT_FIELDS, scores, strict=True)), COMMENT)
        rated.append(request)
    return rated


class TestSatisfactionOnTheStatisticsPage:
    def test_shows_the_index_its_grade_and_the_elements(self, client, statistics_page, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 3
        # Means 3.00 for U1-U8 and 4.00 for U9: (8 × 3 + 4) / 9 × 25 = 77.78, grade B.
        rated_requests([(3,) * 8 + (4,)] * 3)

        response = client.get(statistics_page.url)

        html = response.content.decode()
        index = response.context["satisfaction"].year
        assert (index.respondents, index.index, index.grade.letter) == (3, Decimal("77.78"), "B")
        assert "<dd>77,78</dd>" in html  # written the Indonesian way
        assert html.count('id="satisfaction-elements-caption"') == 1
        assert "U9. Sarana dan prasarana" in html
        assert '<td class="num">4,00</td>' in html
        quarters = response.context["satisfaction"].quarters
        assert [index is not None for _label, index in quarters] == [False, False, False, True]

    def test_hides_the_index_of_too_few_respondents(self, client, statistics_page, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 3
        rated_requests([(4,) * 9] * 2)

        response = client.get(statistics_page.url)

        html = response.content.decode()
        assert response.context["satisfaction"].year is None
        assert 'class="satisfaction-not-shown"' in html
        assert "satisfaction-elements-caption" not in html
        assert "100,00" not in html

    def test_shows_no_comment_and_no_personal_data(self, client, statistics_page, settings):
        settings.PPID_PUBLISHED_MINIMUM_COUNT = 3
        rated = rated_requests([(4,) * 9] * 3)

        html = client.get(statistics_page.url).content.decode()

        assert "Pak Budi" not in html
        for personal in ("full_name", "nik", "address", "email", "phone", "occupation"):
            assert REQUESTER[personal] not in html
        for request in rated:
            assert request.registration_number not in html
        assert "/survei/" not in html
