import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from information_requests.models import InformationRequest, RequestAttachment
from tests.information_requests.factories import (
    EXE_BYTES,
    HTML_BYTES,
    PDF_BYTES,
    TUESDAY_MORNING,
    form_data,
    upload,
)

# The clock is stopped here: private files go to disk (see conftest).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("home_page", "in_english", "private_files_on_disk"),
]

FRIDAY_EVENING = datetime.datetime(2026, 9, 11, 9, 30, tzinfo=datetime.UTC)  # 16:30 WIB


def stored_files(directory="requests"):
    """Every file under `directory` of the private storage, however deep."""
    storage = RequestAttachment._meta.get_field("file").storage
    found = []

    def walk(path):
        try:
            folders, files = storage.listdir(path)
        except FileNotFoundError:
            return
        found.extend(f"{path}/{name}" for name in files)
        for folder in folders:
            walk(f"{path}/{folder}")

    walk(directory)
    return found


def submit_form(client, requester_type="individual", files=None, **overrides):
    data, default_files = form_data(requester_type, **overrides)
    return client.post(
        reverse("information_requests:form"),
        {**data, **(default_files if files is None else files)},
    )


class TestRequestFormPage:
    def test_states_the_deadlines_and_who_sees_identity_documents(self, client):
        response = client.get(reverse("information_requests:form"))

        html = response.content.decode()
        assert response.status_code == 200
        assert "within 10 working days of receiving your request" in html
        assert "extend this once, by 7 working days" in html
        assert "after 16:00 WIB" in html
        assert "Only PPID staff can open your identity documents." in html
        assert 'enctype="multipart/form-data"' in html

    def test_works_without_inline_script(self, client):
        html = client.get(reverse("information_requests:form")).content.decode()

        scripts = re.findall(r"<script[^>]*>", html)
        assert set(scripts) == {
            '<script src="/static/js/search-suggest.js" defer>',
            '<script src="/static/js/request-form.js" defer>',
        }
        assert " on" not in "".join(re.findall(r"<[^>]+ on\w+=", html))

    def test_offers_the_site_search_before_requesting(self, client):
        html = client.get(reverse("information_requests:form")).content.decode()

        assert 'data-suggest-url="/en/permohonan-informasi/saran/"' in html
        assert "Check published information first (opens in a new tab)" in html


class TestInvalidSubmission:
    def test_explains_each_problem_beside_its_field_and_in_a_summary(self, client):
        response = submit_form(client, nik="1871013102900001", email="", phone="")

        html = response.content.decode()
        assert response.status_code == 400
        assert "<title>Error: Request public information" in html
        start = html.index('class="error-summary"')
        summary = html[start : html.index("</ul>", start)]
        assert '<a href="#id_nik">' in summary
        assert '<a href="#id_email">' in summary
        assert 'aria-invalid="true" aria-describedby="id_nik_helptext id_nik_error"' in html
        assert "and 310290 is not a real date" in html
        assert response["Cache-Control"] == "private, no-store"

    def test_a_radio_question_links_to_its_first_choice(self, client):
        html = submit_form(client, obtain_method="hardcopy", delivery_method="").content.decode()

        assert (
            '<a href="#id_delivery_method_0">Choose how you want to receive the copy.</a>' in html
        )
        assert (
            '<fieldset aria-describedby="id_delivery_method_helptext id_delivery_method_error">'
            in html
        )

    def test_asks_to_choose_the_files_again(self, client):
        html = submit_form(client, full_name="").content.decode()

        assert "files are not kept while the form has a problem: choose them again" in html

    @pytest.mark.parametrize(
        "bad_file",
        [
            pytest.param(upload("ktp.pdf", EXE_BYTES), id="executable renamed .pdf"),
            pytest.param(upload("ktp.pdf", HTML_BYTES), id="web page renamed .pdf"),
            pytest.param(upload("ktp.pdf", PDF_BYTES + b"0" * 2048), id="over the size limit"),
        ],
    )
    def test_stores_nothing_at_all(self, client, settings, bad_file):
        settings.PPID_REQUEST_ATTACHMENT_MAX_SIZE = 2048
        files_before = stored_files()

        response = submit_form(
            client,
            "group",
            files={"power_of_attorney": upload("kuasa.pdf"), "proxy_identity_card": bad_file},
        )

        assert response.status_code == 400
        assert not InformationRequest.objects.exists()
        assert not RequestAttachment.objects.exists()
        assert stored_files() == files_before


class TestSuccessfulSubmission:
    def test_shows_the_number_at_once_and_emails_the_link_with_the_receipt(
        self, client, mailoutbox, django_capture_on_commit_callbacks
    ):
        with (
            time_machine.travel(TUESDAY_MORNING, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = submit_form(client)
            receipt = client.get(response["Location"])

        html = receipt.content.decode()
        assert response.status_code == 302
        assert receipt.status_code == 200
        assert '<p class="receipt-number__value">001/PPID/2026</p>' in html
        assert "Tuesday, 8 September 2026, 09:00 WIB" in html
        assert "due by the end of Tuesday, 22 September 2026 (23:59 WIB)" in html
        [message] = mailoutbox
        assert message.to == ["siti@example.id"]
        assert "001/PPID/2026" in message.subject
        tracking_link = re.search(
            r"http://127\.0\.0\.1:8000/en/permohonan-informasi/lacak/\S+/", message.body
        )
        assert tracking_link
        assert f'<a href="{tracking_link.group()}">' in html
        [(filename, content, content_type)] = message.attachments
        assert (filename, content_type) == ("receipt-001-PPID-2026.pdf", "application/pdf")
        assert "001/PPID/2026" in PdfReader(io.BytesIO(content)).pages[0].extract_text()

    def test_stores_the_documents_privately_typed_by_their_content(self, client):
        submit_form(
            client,
            "group",
            files={
                "power_of_attorney": upload("surat kuasa.jpg", PDF_BYTES, "image/jpeg"),
                "proxy_identity_card": upload("ktp.pdf"),
            },
        )

        request = InformationRequest.objects.get()
        attachments = {a.kind: a for a in request.attachments.all()}
        assert set(attachments) == {"power_of_attorney", "proxy_identity_card"}
        assert attachments["power_of_attorney"].content_type == "application/pdf"
        assert attachments["power_of_attorney"].file.name.endswith(".pdf")
        assert "kuasa" not in attachments["power_of_attorney"].file.name
        assert request.nik == "1871011203850002"

    def test_a_legal_entity_is_filed_without_a_nik(self, client):
        submit_form(client, "legal_entity")

        request = InformationRequest.objects.get()
        assert (request.nik, request.legal_entity_decree) == ("", "AHU-0012345.AH.01.04.Tahun 2020")
        assert list(request.attachments.values_list("kind", flat=True)) == ["legal_entity_deed"]

    def test_after_closing_time_the_receipt_says_why_it_counts_from_monday(self, client):
        with time_machine.travel(FRIDAY_EVENING, tick=False):
            response = submit_form(client)
            html = client.get(response["Location"]).content.decode()

        assert "Friday, 11 September 2026, 16:30 WIB" in html
        assert (
            "It arrived after the service desk closed at 16:00 WIB, so it counts as received on "
            "the next working day, Monday, 14 September 2026."
        ) in html

    def test_the_receipt_page_keeps_its_secret(self, client):
        response = submit_form(client)
        receipt = client.get(response["Location"])

        assert receipt["Referrer-Policy"] == "same-origin"
        assert receipt["Cache-Control"] == "private, no-store"
        assert '<meta name="robots" content="noindex">' in receipt.content.decode()

    def test_the_receipt_pdf_is_there_to_download(self, client):
        location = submit_form(client)["Location"]

        response = client.get(f"{location}pdf/")

        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="receipt-001-PPID-2026.pdf"'
        content = b"".join(response.streaming_content)
        assert "001/PPID/2026" in PdfReader(io.BytesIO(content)).pages[0].extract_text()

    def test_a_wrong_token_opens_no_receipt(self, client):
        submit_form(client)

        url = reverse(
            "information_requests:receipt", kwargs={"number": "001-PPID-2026", "token": "guess"}
        )
        assert client.get(url).status_code == 404
        assert client.get(f"{url}pdf/").status_code == 404
