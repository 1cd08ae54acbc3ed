"""A request from the public form to the written notice, in a real browser on both sides."""

from urllib.parse import urlsplit

import pytest

from information_requests.models import InformationRequest
from information_requests.states import Status
from portal.demo import load_demo_pages
from tests.browser.admin import open_action_form, sign_in
from tests.information_requests.factories import KTP_SCAN, REQUESTER, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("wagtail_baseline")]

STAFF_PASSWORD = "Ppid-lampung-2026!"


@pytest.fixture
def ppid_officer(live_server):
    load_demo_pages()
    officer = StaffFactory(username="petugas.ppid")
    officer.set_password(STAFF_PASSWORD)
    officer.save()
    return officer


def file_a_request(page):
    page.goto("/permohonan-informasi/")
    page.check("input[name=requester_type][value=individual]")
    for name in ("full_name", "nik", "occupation", "address", "email", "phone"):
        page.fill(f"[name={name}]", REQUESTER[name])
    page.fill("[name=information_requested]", REQUESTER["information_requested"])
    page.fill("[name=purpose]", REQUESTER["purpose"])
    page.set_input_files(
        "[name=identity_card]",
        files=[{"name": "ktp.pdf", "mimeType": "application/pdf", "buffer": KTP_SCAN}],
    )
    page.check("input[name=obtain_method][value=softcopy]")
    page.check("input[name=delivery_method][value=email]")
    page.locator("form.request-form button[type=submit]").click()
    page.wait_for_load_state()


def answer_in_the_admin(page, info_request):
    sign_in(page, "petugas.ppid", STAFF_PASSWORD)
    inspect = f"/admin/information-requests/inspect/{info_request.pk}/"
    answer = open_action_form(page, inspect, "answer")
    answer.locator("[name=answer-outcome]").select_option("granted_full")
    answer.locator("[name=answer-information_provided]").fill("LRA Dinas Kesehatan 2024 (PDF)")
    answer.locator("[name=answer-information_form]").select_option("softcopy")
    answer.locator("[name=answer-cost]").fill("0")
    answer.locator("button[type=submit]").click()
    page.wait_for_load_state()


class TestRequestToNotice:
    def test_a_requester_files_with_an_attachment_staff_answer_and_the_notice_is_shown(
        self, browser, live_server, ppid_officer, screenshot, page
    ):
        file_a_request(page)
        number = page.locator(".receipt-number__value").inner_text().strip()
        # The link is absolute, on the configured public address (PORTAL_BASE_URL): follow its path.
        tracking_path = urlsplit(page.locator(".tracking-link a").get_attribute("href")).path
        screenshot("request-receipt")

        info_request = InformationRequest.objects.get(registration_number=number)
        assert info_request.attachments.get().kind == "identity_card"
        assert info_request.attachments.get().file.read() == KTP_SCAN

        staff = browser.new_context(base_url=live_server.url)
        staff_page = staff.new_page()
        answer_in_the_admin(staff_page, info_request)
        info_request.refresh_from_db()
        assert info_request.status == Status.ANSWERED
        staff.close()

        page.goto(tracking_path)
        screenshot("request-tracking-answered")
        notice_link = page.locator("a[href$='/pemberitahuan/']")
        assert notice_link.count() == 1
        notice = page.request.get(notice_link.get_attribute("href"))
        assert notice.status == 200
        assert notice.headers["content-type"] == "application/pdf"
        assert notice.body().startswith(b"%PDF")
