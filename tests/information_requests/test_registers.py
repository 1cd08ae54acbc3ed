import csv
import datetime
import io
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from information_requests import objection_workflow, workflow
from information_requests.models import InformationRequest, Objection
from information_requests.objection_states import ObjectionAction
from information_requests.registers import OBJECTION_REGISTER, REQUEST_REGISTER
from tests.information_requests.factories import (
    REQUESTER,
    TUESDAY_MORNING,
    PelaksanaFactory,
    StaffFactory,
    SupervisorFactory,
    answer_objection,
    assigned_request,
    file_objection,
    record_milestone,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

ANSWERED_AT = TUESDAY_MORNING + datetime.timedelta(days=2)  # Thursday 10 September 2026


def register_url(name, **query):
    url = reverse(f"{name}:index")
    return f"{url}?{urlencode(query)}" if query else url


def as_dict(register, instance):
    return dict(zip(map(str, register.headings()), register.row(instance), strict=True))


def request_row():
    """The register row of the only request."""
    return as_dict(REQUEST_REGISTER, REQUEST_REGISTER.prepare(InformationRequest.objects).get())


def objection_rows():
    return {
        objection.pk: as_dict(OBJECTION_REGISTER, objection)
        for objection in OBJECTION_REGISTER.prepare(Objection.objects)
    }


def answer(request, outcome, **details):
    return workflow.answer(
        request, actor=StaffFactory(), outcome=outcome, details=details, now=ANSWERED_AT
    )


@pytest.fixture
def health():
    return AgencyFactory(name="Dinas Kesehatan")


@pytest.fixture
def education():
    return AgencyFactory(name="Dinas Pendidikan")


class TestRequestRegisterColumns:
    def test_a_granted_request_reads_as_in_the_paper_register(self, health):
        request = answer(
            assigned_request(health),
            "granted_full",
            information_provided="LRA 2024",
            information_form="hardcopy",
            cost=15000,
            cost_explanation="transfer ke kas daerah",
        )
        request = workflow.record_delivery(
            request, actor=StaffFactory(), now=ANSWERED_AT + datetime.timedelta(days=5)
        )

        row = request_row()

        assert row == {
            "Registration number": request.registration_number,
            "Date received": datetime.date(2026, 9, 8),
            "Name": "Siti Rahmawati",
            "Address": REQUESTER["address"],
            "Contact": "081234567890 / siti@example.id",
            "Occupation": "Peneliti",
            "Information requested": REQUESTER["information_requested"],
            "Purpose of use": REQUESTER["purpose"],
            "Agency": "Dinas Kesehatan",
            "Status of the information": "Held",
            "Form of the information": "Receive a copy: hardcopy",
            "Type of request": "Receive a copy: softcopy",
            "Decision": "Granted in full",
            "Reason for rejection": "",
            "Date of the notice": datetime.date(2026, 9, 10),
            "Date provided": datetime.date(2026, 9, 15),
            "Cost and payment": "Rp 15,000 transfer ke kas daerah",
        }

    def test_a_rejection_gives_its_exemption_ground(self, health):
        answer(
            assigned_request(health),
            "rejected",
            exemption_ground="h",
            consequence_test="Membuka rahasia pribadi pasien.",
        )

        row = request_row()

        assert row["Decision"] == "Rejected: exempt information"
        assert row["Reason for rejection"] == "h. Reveals personal secrets"
        assert row["Status of the information"] == "Held"
        assert row["Cost and payment"] == ""

    def test_information_not_held_names_its_holder(self, health):
        answer(assigned_request(health), "not_held", holding_body="BPS Provinsi Lampung")

        row = request_row()

        assert row["Status of the information"] == "Not held; held by: BPS Provinsi Lampung"

    def test_an_open_request_shows_where_it_stands(self):
        submit_request()

        row = request_row()

        assert row["Decision"] == "Received"
        assert row["Date of the notice"] is None
        assert row["Status of the information"] == ""

    def test_never_holds_the_nik(self):
        submit_request()

        row = request_row()

        assert "NIK" not in row
        assert REQUESTER["nik"] not in map(str, row.values())


class TestObjectionRegisterColumns:
    def test_an_answered_and_disputed_objection(self, health):
        request = assigned_request(health)
        objection = file_objection(request, proxy_name="LBH Bandar Lampung")
        objection = answer_objection(objection, SupervisorFactory())
        record_milestone(
            objection, StaffFactory(), ObjectionAction.DISPUTE_FILED, datetime.date(2026, 10, 12)
        )
        record_milestone(
            objection, StaffFactory(), ObjectionAction.MEDIATION, datetime.date(2026, 11, 2)
        )

        [row] = objection_rows().values()

        assert row == {
            "Objection number": "001/KEB/PPID/2026",
            "Date received": datetime.date(2026, 9, 24),
            "Requester or proxy": "Siti Rahmawati (through the proxy LBH Bandar Lampung)",
            "Request number": request.registration_number,
            "Information requested": REQUESTER["information_requested"],
            "Purpose of use": REQUESTER["purpose"],
            "Agency": "Dinas Kesehatan",
            "Grounds": "c. Request not answered",
            "Decision of the Atasan PPID": "The PPID's decision is upheld",
            "Date of the answer": datetime.date(2026, 10, 1),
            "Name and post of the Atasan PPID": (
                "Drs. Hendra Wijaya, Sekretaris Daerah Provinsi Lampung"
            ),
            "Requester's reaction": "Mediation at the Komisi Informasi on 2026-11-02",
        }

    def test_reaction_reads_the_event_log(self):
        waiting = file_objection()
        answered = answer_objection(
            file_objection(submit_request(email="budi@example.id")), SupervisorFactory()
        )
        withdrawn = objection_workflow.withdraw(
            file_objection(submit_request()), actor=StaffFactory()
        )

        rows = objection_rows()

        assert rows[waiting.pk]["Requester's reaction"] == ""
        assert rows[waiting.pk]["Decision of the Atasan PPID"] == (
            "Waiting for the Atasan PPID's answer"
        )
        assert rows[answered.pk]["Requester's reaction"] == "No dispute recorded"
        assert rows[withdrawn.pk]["Requester's reaction"] == "Withdrawn by the requester"


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def two_agencies_requests(health, education):
    """One request for each agency, and one received a week later for health."""
    first = assigned_request(health)
    second = assigned_request(education, full_name="Budi Santoso")
    later = assigned_request(
        health, full_name="Rina Marlina", submitted_at=TUESDAY_MORNING + datetime.timedelta(7)
    )
    return first, second, later


class TestRegisterPages:
    def test_an_editor_without_a_ppid_role_is_refused(self, client):
        editor = StaffFactory(can_process=False)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)

        for name in ("request_register", "objection_register"):
            response = client.get(register_url(name))
            assert response.status_code == 403

    def test_lists_every_agency_for_ppid_utama_with_export_links(
        self, client, utama, two_agencies_requests
    ):
        client.force_login(utama)

        response = client.get(register_url("request_register"))

        html = response.content.decode()
        assert response.status_code == 200
        for name in ("Siti Rahmawati", "Budi Santoso", "Rina Marlina"):
            assert name in html
        assert "Status of the information" in html
        assert "?export=csv" in html and "?export=xlsx" in html
        assert REQUESTER["nik"] not in html

    def test_ppid_pelaksana_see_only_their_agencys_rows(
        self, client, health, two_agencies_requests
    ):
        client.force_login(PelaksanaFactory(agency=health))

        html = client.get(register_url("request_register")).content.decode()

        assert "Siti Rahmawati" in html and "Rina Marlina" in html
        assert "Budi Santoso" not in html

    def test_filters_by_period_and_agency(self, client, utama, health, two_agencies_requests):
        client.force_login(utama)

        response = client.get(
            register_url(
                "request_register",
                received_from="2026-09-14",
                received_to="2026-09-30",
                agency=health.pk,
            )
        )

        assert [row[2] for row in response.context["rows"]] == ["Rina Marlina"]

    @pytest.mark.parametrize(
        "query",
        [
            {"received_from": "2026-10-01", "received_to": "2026-09-01"},
            {"received_from": "last tuesday"},
            {"agency": "999999"},
        ],
    )
    def test_a_filter_that_makes_no_sense_is_a_400_with_the_reason(self, client, utama, query):
        client.force_login(utama)

        response = client.get(register_url("request_register", **query))

        assert response.status_code == 400
        assert response.context["form"].errors

    def test_an_unknown_export_format_is_a_400(self, client, utama):
        client.force_login(utama)

        response = client.get(register_url("request_register", export="pdf"))

        assert response.status_code == 400
        assert "Choose CSV or XLSX." in response.content.decode()

    def test_exports_the_filtered_register_as_csv(
        self, client, utama, education, two_agencies_requests
    ):
        client.force_login(utama)

        response = client.get(register_url("request_register", agency=education.pk, export="csv"))

        rows = csv_rows(response)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert rows[0] == [str(heading) for heading in REQUEST_REGISTER.headings()]
        assert len(rows) == 2
        assert rows[1][1:4] == ["2026-09-08", "Budi Santoso", REQUESTER["address"]]
        assert REQUESTER["nik"] not in response.content.decode("utf-8-sig")

    def test_exports_the_objection_register_as_xlsx(self, client, utama, health):
        objection = answer_objection(file_objection(assigned_request(health)), SupervisorFactory())
        client.force_login(utama)

        response = client.get(register_url("objection_register", export="xlsx"))

        rows = xlsx_rows(response)
        assert rows[0] == [str(heading) for heading in OBJECTION_REGISTER.headings()]
        assert rows[1][0] == objection.registration_number
        assert rows[1][9] == "2026-10-01"
        assert rows[1][11] == "No dispute recorded"

    def test_a_formula_typed_by_a_requester_stays_text_in_the_csv(self, client, utama):
        submit_request(full_name='=HYPERLINK("http://evil.example")')
        client.force_login(utama)

        rows = csv_rows(client.get(register_url("request_register", export="csv")))

        assert rows[1][2].startswith("'=")

    @pytest.mark.parametrize("name", ["request_register", "objection_register"])
    def test_query_count_does_not_grow_with_the_register(self, client, utama, health, name):
        client.force_login(utama)

        def queries_for_page():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(register_url(name)).status_code == 200
            return len(captured)

        def add_rows(count):
            for _index in range(count):
                answer_objection(file_objection(assigned_request(health)), SupervisorFactory())

        add_rows(1)
        few = queries_for_page()
        add_rows(3)

        assert queries_for_page() == few
