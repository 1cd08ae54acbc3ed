import io
import logging
import socket

import pytest
from django.core.files.storage import storages
from django.utils import translation
from pypdf import PdfReader

from information_requests import notifications, workflow
from information_requests.links import track_form_url
from information_requests.models import InformationRequest
from tests.information_requests.factories import (
    REQUESTER,
    TUESDAY_MORNING,
    StaffFactory,
    submit_request,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def pdf_text(content):
    return " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())


def closed_port():
    """A local port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2


class TestRequestSubmitted:
    def test_sends_the_number_the_secret_link_and_the_receipt(self, settings, mailoutbox):
        settings.WAGTAILADMIN_BASE_URL = "https://ppid.lampungprov.go.id/"
        request, token = workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)

        assert notifications.request_submitted(request, token)

        [message] = mailoutbox
        assert message.to == ["siti@example.id"]
        assert message.subject == "Your information request 001/PPID/2026 has been received"
        link = (
            f"https://ppid.lampungprov.go.id/en/permohonan-informasi/lacak/001-PPID-2026/{token}/"
        )
        assert link in message.body
        assert "due by the end of Tuesday, 22 September 2026" in message.body
        [(filename, content, content_type)] = message.attachments
        assert (filename, content_type) == ("receipt-001-PPID-2026.pdf", "application/pdf")
        assert "Registration number 001/PPID/2026" in pdf_text(content)
        assert token not in pdf_text(content)

    def test_a_requester_without_email_gets_no_message(self, mailoutbox):
        request, token = workflow.submit(
            {**REQUESTER, "email": "", "delivery_method": "pick_up"}, submitted_at=TUESDAY_MORNING
        )

        assert not notifications.request_submitted(request, token)
        assert mailoutbox == []

    def test_goes_out_after_commit_in_the_language_of_the_form(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
            _request, token = workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)

        [message] = mailoutbox
        assert f"/en/permohonan-informasi/lacak/001-PPID-2026/{token}/" in message.body

    def test_nothing_leaves_while_the_transaction_may_still_roll_back(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks() as callbacks:
            workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)

        assert mailoutbox == []
        assert len(callbacks) == 1

    def test_a_mail_failure_is_logged_and_the_request_kept(
        self, mail_server_down, caplog, django_capture_on_commit_callbacks
    ):
        with (
            caplog.at_level(logging.ERROR, logger="information_requests.tasks"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            request, _token = workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)

        assert InformationRequest.objects.filter(pk=request.pk).exists()
        assert "Receipt of request 001/PPID/2026 not sent" in caplog.text


class TestNoticeIssued:
    def answer(self, request):
        return workflow.answer(
            request,
            actor=StaffFactory(),
            outcome="not_held",
            details={"holding_body": "Badan Pusat Statistik Provinsi Lampung"},
        )

    def test_stores_the_notice_privately_and_emails_it_without_the_token(
        self, settings, mailoutbox, django_capture_on_commit_callbacks
    ):
        settings.WAGTAILADMIN_BASE_URL = "https://ppid.lampungprov.go.id"
        request, token = workflow.submit(dict(REQUESTER), submitted_at=TUESDAY_MORNING)

        with django_capture_on_commit_callbacks(execute=True):
            self.answer(request)

        notice = InformationRequest.objects.get(pk=request.pk).notice
        assert notice.pdf.name.startswith("notices/")
        assert notice.pdf.storage is storages["private"]
        with notice.pdf.open("rb") as stored:
            assert "Badan Pusat Statistik Provinsi Lampung" in pdf_text(stored.read())
        [message] = mailoutbox
        assert message.to == ["siti@example.id"]
        assert "001/PPID/2026" in message.subject
        # An official letter: in the portal's main language, whatever the staff member's.
        with translation.override(settings.LANGUAGE_CODE):
            assert track_form_url() in message.body
        assert token not in message.body
        [(filename, content, content_type)] = message.attachments
        assert (filename.endswith("-001-PPID-2026.pdf"), content_type) == (True, "application/pdf")
        assert "Badan Pusat Statistik Provinsi Lampung" in pdf_text(content)

    def test_sends_the_requester_to_the_first_emails_link(self, settings, mailoutbox):
        settings.WAGTAILADMIN_BASE_URL = "https://ppid.lampungprov.go.id"

        notifications.notice_issued(self.answer(submit_request()))

        [message] = mailoutbox
        assert message.subject == "Written notice on your information request 001/PPID/2026"
        assert "use the link from the first e-mail we sent you" in message.body
        assert "https://ppid.lampungprov.go.id/en/permohonan-informasi/lacak/ and enter" in (
            message.body
        )
        assert message.attachments[0][0] == "notice-001-PPID-2026.pdf"

    def test_sending_again_reuses_the_stored_notice(self, mailoutbox):
        request = self.answer(submit_request())
        notifications.notice_issued(request)
        stored = request.notice.pdf.name

        notifications.notice_issued(InformationRequest.objects.get(pk=request.pk))

        assert InformationRequest.objects.get(pk=request.pk).notice.pdf.name == stored
        assert len(mailoutbox) == 2

    def test_a_mail_failure_still_stores_the_notice(
        self, mail_server_down, caplog, django_capture_on_commit_callbacks
    ):
        request = submit_request()

        with (
            caplog.at_level(logging.ERROR, logger="information_requests.tasks"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            self.answer(request)

        assert InformationRequest.objects.get(pk=request.pk).notice.pdf
        assert "Written notice of request 001/PPID/2026 not sent" in caplog.text
