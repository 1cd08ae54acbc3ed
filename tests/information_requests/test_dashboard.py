import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.information_requests.factories import (
    PelaksanaFactory,
    StaffFactory,
    answer_granted,
    assigned_request,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

FRIDAY_18 = datetime.datetime(2026, 9, 18, 3, 0, tzinfo=datetime.UTC)
SEPTEMBER_1 = datetime.datetime(2026, 9, 1, 2, 0, tzinfo=datetime.UTC)  # due 15 September
SEPTEMBER_14 = datetime.datetime(2026, 9, 14, 2, 0, tzinfo=datetime.UTC)  # due 28 September


@pytest.fixture
def on_friday_18():
    with time_machine.travel(FRIDAY_18, tick=False):
        yield


def panel_rows(response):
    panel = next(p for p in response.context["panels"] if p.name == "urgent_information_requests")
    return panel.get_context_data(response.context)["rows"]


def dashboard(client):
    return client.get(reverse("wagtailadmin_home"))


class TestUrgentRequestsPanel:
    def test_lists_overdue_and_soon_due_requests_with_links(self, client, on_friday_18):
        overdue = submit_request(submitted_at=SEPTEMBER_1)
        due_tuesday = submit_request()  # due 22 September: 2 working days on
        submit_request(submitted_at=SEPTEMBER_14)
        answer_granted(submit_request(submitted_at=SEPTEMBER_1), StaffFactory())
        client.force_login(StaffFactory())

        response = dashboard(client)

        html = response.content.decode()
        assert "Information requests needing an answer" in html
        for request in (overdue, due_tuesday):
            assert reverse("request_admin:inspect", args=(request.pk,)) in html
        assert "Overdue by 3 working days" in html
        assert "2 working days left" in html
        assert [request for request, _standing in panel_rows(response)] == [
            overdue,
            due_tuesday,
        ]

    def test_pelaksana_see_only_their_agencys_requests(self, client, on_friday_18):
        health = AgencyFactory()
        theirs = assigned_request(health, submitted_at=SEPTEMBER_1)
        assigned_request(AgencyFactory(), submitted_at=SEPTEMBER_1)
        submit_request(submitted_at=SEPTEMBER_1)
        client.force_login(PelaksanaFactory(agency=health))

        response = dashboard(client)

        assert [request for request, _standing in panel_rows(response)] == [theirs]

    def test_staff_without_a_role_do_not_see_it(self, client, on_friday_18):
        submit_request(submitted_at=SEPTEMBER_1)
        outsider = StaffFactory(can_process=False)
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(outsider)

        response = dashboard(client)

        assert response.status_code == 200
        assert "Information requests needing an answer" not in response.content.decode()

    @pytest.mark.parametrize("size", [2, 6])
    def test_query_count_does_not_grow_with_the_list(
        self, client, on_friday_18, django_assert_num_queries, size
    ):
        for number in range(size):
            if number % 2:
                assigned_request(AgencyFactory(), submitted_at=SEPTEMBER_1)
            else:
                submit_request()
        client.force_login(StaffFactory())
        dashboard(client)

        with django_assert_num_queries(19):
            response = dashboard(client)

        assert response.status_code == 200
