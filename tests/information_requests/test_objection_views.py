import datetime

import pytest
import time_machine
from django.urls import reverse

from information_requests import objection_workflow, workflow
from information_requests.links import token_kwargs
from information_requests.models import Objection
from tests.information_requests.factories import (
    AFTER_THE_NOTICE_LAPSED,
    REQUESTER,
    TUESDAY_MORNING,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    file_objection,
    submit_request,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("home_page", "in_english", "private_files_on_disk"),
]

BEFORE_THE_LAPSE = datetime.datetime(2026, 9, 15, 3, 0, tzinfo=datetime.UTC)
TOO_LATE_FOR_C = datetime.datetime(2026, 11, 5, 3, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def filed():
    return workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)


def url(name, request, token, **kwargs):
    return reverse(
        f"information_requests:{name}", kwargs={**token_kwargs(request, token), **kwargs}
    )


def offered_grounds(response):
    return [value for value, _label in response.context["form"].fields["grounds"].choices]


class TestObjectionForm:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [(BEFORE_THE_LAPSE, ["b"]), (AFTER_THE_NOTICE_LAPSED, ["b", "c"])],
        ids=["before the notice limit", "after the notice limit lapsed"],
    )
    def test_offers_only_the_grounds_that_fit(self, client, filed, moment, expected):
        request, token = filed

        with time_machine.travel(moment, tick=False):
            response = client.get(url("objection_form", request, token))

        assert response.status_code == 200
        assert offered_grounds(response) == expected

    def test_files_an_objection_and_shows_its_page(self, client, filed):
        request, token = filed
        data = {"grounds": ["c"], "statement": "Tidak ada jawaban sampai hari ini."}

        with time_machine.travel(AFTER_THE_NOTICE_LAPSED, tick=False):
            response = client.post(url("objection_form", request, token), data, follow=True)

        objection = Objection.objects.get()
        assert objection.grounds == ["c"]
        html = response.content.decode()
        assert response.redirect_chain[-1][0].endswith("/keberatan/001-KEB-PPID-2026/")
        assert "<h1>Objection 001/KEB/PPID/2026</h1>" in html
        assert "The Atasan PPID must answer in writing by the end of Thursday, 5 November 2026" in (
            html
        )
        assert response["Cache-Control"] == "private, no-store"

    def test_refuses_a_ground_that_does_not_fit(self, client, filed):
        request, token = filed
        data = {"grounds": ["a"], "statement": "Ditolak"}

        with time_machine.travel(AFTER_THE_NOTICE_LAPSED, tick=False):
            response = client.post(url("objection_form", request, token), data)

        assert response.status_code == 400
        assert "is not a ground that fits this request" in response.content.decode()
        assert not Objection.objects.exists()

    def test_after_the_window_explains_how_it_was_counted(self, client, filed):
        request, token = filed

        with time_machine.travel(TOO_LATE_FOR_C, tick=False):
            response = client.get(url("objection_form", request, token))

        html = response.content.decode()
        assert offered_grounds(response) == ["b"]
        assert "Grounds whose time to object has passed" in html
        assert "The written notice was due by the end of Tuesday, 22 September 2026" in html
        assert "end at the end of Wednesday, 4 November 2026" in html

    def test_ground_b_needs_the_date(self, client, filed):
        request, token = filed

        with time_machine.travel(AFTER_THE_NOTICE_LAPSED, tick=False):
            response = client.post(
                url("objection_form", request, token), {"grounds": ["b"], "statement": "x"}
            )

        assert response.status_code == 400
        assert "periodic_information_due_on" in response.context["form"].errors

    def test_a_wrong_token_finds_nothing(self, client, filed):
        request, _token = filed

        response = client.get(url("objection_form", request, "wrong-token"))

        assert response.status_code == 404


class TestTrackingPages:
    def test_request_page_links_to_the_form_and_the_objection(self, client, filed):
        request, token = filed
        with time_machine.travel(AFTER_THE_NOTICE_LAPSED, tick=False):
            before = client.get(url("tracking", request, token)).content.decode()
            file_objection(request)
            after = client.get(url("tracking", request, token)).content.decode()

        form_link = f'href="{url("objection_form", request, token)}"'
        assert form_link in before
        assert "/keberatan/001-KEB-PPID-2026/" in after
        assert form_link not in after

    def test_objection_page_shows_the_answer_and_the_dispute_window(self, client, filed):
        request, token = filed
        objection = file_objection(request)
        objection_workflow.answer(
            objection,
            actor=SupervisorFactory(),
            decision="upheld",
            reasons="Informasi dikecualikan.",
            supervisor_name="Drs. Hendra Wijaya",
            supervisor_position="Sekretaris Daerah",
            now=datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC),
        )
        page = url("objection", request, token, objection=objection.number_slug)

        with time_machine.travel(LATER, tick=False):
            html = client.get(page).content.decode()
            answer = client.get(
                url("objection_answer_pdf", request, token, objection=objection.number_slug)
            )

        assert "The PPID&#x27;s decision is upheld" in html
        # 14 working days from Thursday 1 October 2026.
        assert "by the end of Wednesday, 21 October 2026" in html
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/pdf"

    def test_request_page_shows_the_decision_and_its_letter(self, client, filed):
        request, token = filed
        objection = file_objection(request)
        objection_workflow.answer(
            objection,
            actor=SupervisorFactory(),
            decision="overturned",
            reasons="Informasi tidak dikecualikan.",
            order_to_ppid="Berikan salinan dokumen.",
            supervisor_name="Drs. Hendra Wijaya",
            supervisor_position="Sekretaris Daerah",
            now=datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC),
        )

        with time_machine.travel(LATER, tick=False):
            html = client.get(url("tracking", request, token)).content.decode()

        assert "The objection is granted: the PPID is ordered to act" in html
        letter = url("objection_answer_pdf", request, token, objection=objection.number_slug)
        assert f'href="{letter}"' in html

    def test_milestones_appear_with_their_dates(self, client, filed):
        request, token = filed
        objection = file_objection(request)
        after_lapse = datetime.datetime(2026, 11, 10, 3, 0, tzinfo=datetime.UTC)
        objection_workflow.record_milestone(
            objection,
            "dispute_filed",
            actor=StaffFactory(),
            happened_on=datetime.date(2026, 11, 9),
            now=after_lapse,
        )

        with time_machine.travel(LATER, tick=False):
            html = client.get(
                url("objection", request, token, objection=objection.number_slug)
            ).content.decode()

        assert "Dispute filed with the Komisi Informasi" in html
        assert "Monday, 9 November 2026" in html

    def test_receipt_pdf_and_no_answer_yet(self, client, filed):
        request, token = filed
        objection = file_objection(request)

        receipt = client.get(
            url("objection_receipt_pdf", request, token, objection=objection.number_slug)
        )
        answer = client.get(
            url("objection_answer_pdf", request, token, objection=objection.number_slug)
        )

        assert receipt.status_code == 200
        assert receipt.getvalue().startswith(b"%PDF")
        assert answer.status_code == 404

    def test_another_requests_objection_is_not_found(self, client, filed):
        request, token = filed
        other = file_objection(
            answer_granted(submit_request(), StaffFactory()),
            grounds=("d",),
            at=datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC),
        )

        response = client.get(url("objection", request, token, objection=other.number_slug))

        assert response.status_code == 404
