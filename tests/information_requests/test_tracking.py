import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from information_requests import notifications, workflow
from information_requests.links import token_kwargs
from information_requests.tracking import find_request
from tests.information_requests.factories import (
    REQUESTER,
    TUESDAY_MORNING,
    StaffFactory,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_page", "in_english")]

THURSDAY = datetime.datetime(2026, 9, 10, 3, 0, tzinfo=datetime.UTC)
MONTH_LATER = datetime.datetime(2026, 10, 8, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def filed():
    """A request as the requester has it: the request and the secret token from the e-mail."""
    return workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)


def tracking_url(request, token, name="information_requests:tracking"):
    return reverse(name, kwargs=token_kwargs(request, token))


class TestTrackingPage:
    def test_shows_status_deadlines_and_days_waiting(self, client, filed):
        request, token = filed

        with time_machine.travel(THURSDAY, tick=False):
            response = client.get(tracking_url(request, token))

        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Request 001/PPID/2026</h1>" in html
        assert "Status: <strong>Received</strong>" in html
        assert "Waiting for 2 working days since it was received." in html
        assert "8 working days left until the deadline." in html
        assert (
            "The written notice is due by the end of Tuesday, 22 September 2026 (23:59 WIB): 10 "
            "working days after the day your request counts as received. Weekends are not counted."
        ) in html
        assert "2026-09-12 (Saturday): not counted, Weekend (Saturday)" in html

    def test_shows_the_public_timeline_with_what_the_requester_is_told(self, client, filed):
        request, token = filed
        staff = StaffFactory()
        agency = AgencyFactory(name="Dinas Kesehatan Provinsi Lampung")
        with time_machine.travel(TUESDAY_MORNING, tick=False):
            workflow.assign(request, actor=staff, agency=agency, note="Memo internal: cek arsip")
            workflow.ask_to_complete(request, actor=staff, note="Sebutkan triwulan yang diminta.")
            workflow.receive_completion(request, actor=staff)
            workflow.extend(request, actor=staff, reason="Dokumen tersebar di tiga bidang")

        with time_machine.travel(THURSDAY, tick=False):
            html = client.get(tracking_url(request, token)).content.decode()

        timeline = html[html.index('<ol class="timeline">') :]
        assert [line.split("</span>")[0] for line in timeline.split('"timeline__what">')[1:]] == [
            "Request received",
            "Assigned to an agency",
            "Requester asked to complete the request",
            "Completed request received",
            "Notice period extended",
        ]
        assert "Dinas Kesehatan Provinsi Lampung" in timeline
        assert "Sebutkan triwulan yang diminta." in timeline
        assert "Dokumen tersebar di tiga bidang" in timeline
        assert "Memo internal" not in html
        assert "The PPID extended this once, to the end of Thursday, 1 October 2026" in html

    def test_shows_no_personal_data(self, client, filed):
        request, token = filed

        html = client.get(tracking_url(request, token)).content.decode()

        for private in ("nik", "address", "phone", "email", "full_name", "occupation"):
            assert REQUESTER[private] not in html
        assert "attachment" not in html.lower()

    def test_an_overdue_request_says_so_and_what_the_requester_may_do(self, client, filed):
        request, token = filed

        with time_machine.travel(MONTH_LATER, tick=False):
            html = client.get(tracking_url(request, token)).content.decode()

        assert '<span class="badge badge--overdue">Overdue</span>' in html
        assert "You may file an objection (keberatan)" in html
        assert "Waiting for 22 working days since it was received." in html

    def test_keeps_its_secret(self, client, filed):
        response = client.get(tracking_url(*filed))

        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cache-Control"] == "private, no-store"
        assert '<meta name="robots" content="noindex">' in response.content.decode()

    def test_the_query_count_does_not_grow_with_the_timeline(
        self, client, filed, django_assert_num_queries
    ):
        request, token = filed
        client.get(tracking_url(request, token))  # warms Wagtail's site lookup
        # The objections, for what may be objected to now, add one.
        with django_assert_num_queries(6):
            client.get(tracking_url(request, token))
        staff = StaffFactory()
        for _ in range(3):
            workflow.assign(request, actor=staff, agency=AgencyFactory())
        client.get(tracking_url(request, token))  # new agencies rebuilt the cached site chrome

        with django_assert_num_queries(6):
            client.get(tracking_url(request, token))


class TestWrongToken:
    def test_is_the_same_404_as_an_unknown_number(self, client, filed):
        request, token = filed
        wrong_token = client.get(tracking_url(request, "x" + token[1:]))
        unknown_number = client.get(
            reverse(
                "information_requests:tracking",
                kwargs={"number": "999-PPID-2026", "token": token},
            )
        )

        assert wrong_token.status_code == unknown_number.status_code == 404
        assert wrong_token.content == unknown_number.content
        assert wrong_token.headers == unknown_number.headers

    def test_opens_no_notice(self, client, filed):
        request, _token = filed
        workflow.answer(
            request,
            actor=StaffFactory(),
            outcome="not_documented",
            details={"documentation_period": "30 hari kerja"},
        )

        response = client.get(tracking_url(request, "guess", "information_requests:notice_pdf"))

        assert response.status_code == 404


class TestNoticeDownload:
    def test_the_written_notice_comes_from_private_storage(self, client, filed):
        request, token = filed
        answered = workflow.answer(
            request,
            actor=StaffFactory(),
            outcome="not_held",
            details={"holding_body": "Kementerian Kesehatan"},
        )
        notifications.notice_issued(answered)

        page = client.get(tracking_url(request, token)).content.decode()
        response = client.get(tracking_url(request, token, "information_requests:notice_pdf"))

        assert "Decision: <strong>Not held by this body</strong>" in page
        assert tracking_url(request, token, "information_requests:notice_pdf") in page
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
        assert "Kementerian Kesehatan" in text

    def test_a_notice_not_stored_yet_is_rendered_on_the_spot(self, client, filed):
        request, token = filed
        workflow.answer(
            request,
            actor=StaffFactory(),
            outcome="not_documented",
            details={"documentation_period": "30 hari kerja"},
        )

        response = client.get(tracking_url(request, token, "information_requests:notice_pdf"))

        text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
        assert "Time needed to document it: 30 hari kerja" in " ".join(text.split())

    def test_is_not_offered_before_the_notice(self, client, filed):
        request, token = filed

        page = client.get(tracking_url(request, token)).content.decode()
        response = client.get(tracking_url(request, token, "information_requests:notice_pdf"))

        assert "Download the written notice" not in page
        assert response.status_code == 404


class TestTrackingForm:
    @pytest.mark.parametrize("number", ["001/PPID/2026", " 001/ppid/2026 ", "001-PPID-2026"])
    def test_number_and_code_open_the_request(self, client, filed, number):
        request, token = filed

        response = client.post(
            reverse("information_requests:track"),
            {"registration_number": number, "token": token},
        )

        assert response.status_code == 302
        assert response["Location"] == tracking_url(request, token)

    def test_a_pasted_link_works_as_the_code(self, client, filed, settings):
        request, token = filed
        link = f"{settings.WAGTAILADMIN_BASE_URL}{tracking_url(request, token)}"

        response = client.post(
            reverse("information_requests:track"),
            {"registration_number": "001/PPID/2026", "token": link},
        )

        assert response["Location"] == tracking_url(request, token)

    def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(self, client, filed):
        _request, token = filed
        url = reverse("information_requests:track")

        wrong_code = client.post(url, {"registration_number": "001/PPID/2026", "token": "guess"})
        unknown = client.post(url, {"registration_number": "002/PPID/2026", "token": token})

        assert wrong_code.status_code == unknown.status_code == 404
        message = "No request matches this registration number and secret code."
        assert message in wrong_code.content.decode()
        assert message in unknown.content.decode()

    def test_an_empty_form_says_what_is_missing(self, client):
        response = client.post(reverse("information_requests:track"), {})

        assert response.status_code == 400
        assert "Enter the registration number of your request." in response.content.decode()


class TestFindRequest:
    def test_needs_the_number_and_its_own_token(self):
        submit_request()
        request, token = workflow.submit(
            dict(REQUESTER), submitted_at=datetime.datetime(2027, 1, 5, 2, 0, tzinfo=datetime.UTC)
        )

        assert find_request("001/PPID/2027", token) == request
        assert find_request("001-ppid-2027", token) == request
        assert find_request("001/PPID/2026", token) is None
        assert find_request("001/PPID/2027", "") is None
