import datetime

import pytest
import time_machine
from django.urls import reverse

from information_requests.models import Objection
from information_requests.objection_states import ObjectionStatus
from tests.information_requests.factories import (
    PelaksanaFactory,
    StaffFactory,
    SupervisorFactory,
    file_objection,
    submit_request,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

IN_OCTOBER = datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC)


def action_url(objection, action):
    return reverse("objection_admin:action", args=(objection.pk, action))


class TestAtasanAnswers:
    def test_the_atasan_answers_from_the_inspect_page(self, client):
        objection = file_objection()
        client.force_login(SupervisorFactory(first_name="Hendra", last_name="Wijaya"))

        with time_machine.travel(IN_OCTOBER, tick=False):
            page = client.get(reverse("objection_admin:inspect", args=(objection.pk,)))
            response = client.post(
                action_url(objection, "answer"),
                {
                    "answer-decision": "overturned",
                    "answer-reasons": "Informasi ini terbuka.",
                    "answer-order_to_ppid": "Berikan salinan dalam 5 hari kerja.",
                    "answer-supervisor_name": "Hendra Wijaya",
                    "answer-supervisor_position": "Sekretaris Daerah",
                },
            )

        assert page.status_code == 200
        assert 'value="Hendra Wijaya"' in page.content.decode()
        assert response.status_code == 302
        objection.refresh_from_db()
        assert objection.status == ObjectionStatus.ANSWERED
        assert objection.supervisor_position == "Sekretaris Daerah"

        inspect = client.get(reverse("objection_admin:inspect", args=(objection.pk,))).text
        timeline = inspect[inspect.index("Everything that happened to the objection") :]
        assert "Decision: The objection is granted" in timeline
        assert "Hendra Wijaya" in timeline

    def test_missing_reasons_show_on_the_form(self, client):
        objection = file_objection()
        client.force_login(SupervisorFactory())

        response = client.post(action_url(objection, "answer"), {"answer-decision": "upheld"})

        assert response.status_code == 400
        assert Objection.objects.get().status == ObjectionStatus.RECEIVED

    @pytest.mark.parametrize("who", ["utama", "pelaksana"])
    def test_nobody_else_answers(self, client, who):
        objection = file_objection()
        client.force_login(StaffFactory() if who == "utama" else PelaksanaFactory())

        response = client.post(action_url(objection, "answer"), {"answer-decision": "upheld"})

        assert response.status_code in (403, 404)
        assert Objection.objects.get().status == ObjectionStatus.RECEIVED


class TestPaperObjections:
    def test_ppid_utama_register_a_paper_objection(self, client):
        request = submit_request()
        client.force_login(StaffFactory())

        with time_machine.travel(IN_OCTOBER, tick=False):
            response = client.post(
                reverse("objection_admin:paper"),
                {
                    "request_number": request.registration_number,
                    "received_at": "2026-09-30T10:00",
                    "grounds": ["c"],
                    "statement": "Surat keberatan tertulis.",
                },
            )

        objection = Objection.objects.get()
        assert response.status_code == 302
        assert objection.channel == "paper"
        assert objection.received_on == datetime.date(2026, 9, 30)

    def test_a_ground_that_does_not_fit_is_refused_with_the_reason(self, client):
        request = submit_request()
        client.force_login(StaffFactory())

        with time_machine.travel(IN_OCTOBER, tick=False):
            response = client.post(
                reverse("objection_admin:paper"),
                {
                    "request_number": request.registration_number,
                    "received_at": "2026-09-30T10:00",
                    "grounds": ["a"],
                    "statement": "Ditolak.",
                },
            )

        assert response.status_code == 400
        assert "does not fit what has happened to this request" in response.content.decode()
        assert not Objection.objects.exists()

    def test_the_atasan_cannot_register_one(self, client):
        client.force_login(SupervisorFactory())

        assert client.get(reverse("objection_admin:paper")).status_code == 403


class TestListing:
    def test_pelaksana_see_only_their_agencies_objections(self, client):
        file_objection()
        client.force_login(PelaksanaFactory())

        response = client.get(reverse("objection_admin:index"))

        assert response.status_code == 200
        assert "001/KEB/PPID/2026" not in response.content.decode()

    def test_the_atasan_sees_every_objection(self, client):
        file_objection()
        client.force_login(SupervisorFactory())

        response = client.get(reverse("objection_admin:index"))

        assert "001/KEB/PPID/2026" in response.content.decode()
