"""After the written notice, in a real browser: an objection from the tracking page to the Atasan
PPID's answer in the admin and back, and the satisfaction survey."""

from urllib.parse import urlsplit

import pytest

from information_requests import workflow
from information_requests.links import tracking_path
from information_requests.models import Objection, SatisfactionResponse
from information_requests.satisfaction import ELEMENT_FIELDS
from portal.demo import load_demo_pages
from tests.browser.admin import open_action_form, sign_in
from tests.information_requests.factories import REQUESTER, StaffFactory, SupervisorFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("wagtail_baseline")]

ATASAN_PASSWORD = "Atasan-lampung-2026!"
REJECTION = {
    "exemption_ground": "h",
    "consequence_test": "Membuka rahasia pribadi penerima bantuan.",
}
GRANT = {"information_provided": "LRA Dinas Kesehatan 2024", "information_form": "softcopy"}


def answered_request(outcome, details):
    """A request answered with a written notice just now, and its requester's tracking page."""
    request, token = workflow.submit(dict(REQUESTER))
    request = workflow.answer(request, actor=StaffFactory(), outcome=outcome, details=details)
    return request, tracking_path(request, token)


@pytest.fixture
def site(live_server):
    load_demo_pages()


@pytest.fixture
def atasan(site):
    user = SupervisorFactory(username="atasan.ppid", first_name="Hendra", last_name="Wijaya")
    user.set_password(ATASAN_PASSWORD)
    user.save()
    return user


def decide_in_the_admin(page, objection):
    sign_in(page, "atasan.ppid", ATASAN_PASSWORD)
    inspect = f"/admin/information-requests/objections/inspect/{objection.pk}/"
    answer = open_action_form(page, inspect, "answer")
    answer.locator("[name=answer-decision][value=overturned]").check()
    answer.locator("[name=answer-reasons]").fill(
        "Data yang diminta adalah data agregat tanpa identitas penerima."
    )
    answer.locator("[name=answer-order_to_ppid]").fill("Berikan data agregat dalam 7 hari kerja.")
    answer.locator("[name=answer-supervisor_position]").fill("Sekretaris Daerah Provinsi Lampung")
    answer.locator("button[type=submit]").click()
    page.wait_for_load_state()


class TestObjection:
    def test_a_refused_requester_objects_and_reads_the_atasans_decision(
        self, browser, live_server, atasan, page, screenshot
    ):
        _request, tracking = answered_request("rejected", REJECTION)

        page.goto(tracking)
        page.locator("a[href$='/keberatan/']").click()
        page.wait_for_load_state()
        page.check("input[name=grounds][value=a]")
        page.fill("[name=statement]", "Yang saya minta data agregat, bukan data pribadi.")
        screenshot("objection-form")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

        objection = Objection.objects.get()
        assert objection.grounds == ["a"]
        assert objection.registration_number in page.get_by_role("heading", level=1).inner_text()
        screenshot("objection-filed")

        staff = browser.new_context(base_url=live_server.url)
        decide_in_the_admin(staff.new_page(), objection)
        staff.close()
        objection.refresh_from_db()
        assert (objection.status, objection.decision) == ("answered", "overturned")
        assert objection.supervisor_name == "Hendra Wijaya"

        page.goto(tracking)
        summary = page.locator(".objection-summary")
        assert "Keberatan dikabulkan" in summary.inner_text()
        screenshot("objection-decision-on-tracking")
        letter = page.request.get(summary.locator("a[href$='/jawaban/']").get_attribute("href"))
        assert letter.status == 200
        assert letter.headers["content-type"] == "application/pdf"
        assert letter.body().startswith(b"%PDF")
        summary.locator("a").first.click()
        page.wait_for_load_state()
        assert "Berikan data agregat dalam 7 hari kerja." in page.locator("main").inner_text()
        screenshot("objection-decision")


class TestSatisfactionSurvey:
    def test_a_served_requester_rates_the_service_once(
        self, page, site, screenshot, axe_violations
    ):
        request, tracking = answered_request("granted_full", GRANT)

        page.goto(tracking)
        assert axe_violations() == []
        invitation = page.locator("a[href*='/survei/']")
        survey_path = urlsplit(invitation.get_attribute("href")).path
        invitation.click()
        page.wait_for_load_state()
        assert page.locator("fieldset").count() == 9
        assert axe_violations() == []
        screenshot("survey-form")

        page.locator("form.survey-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary li").count() == 9
        assert axe_violations() == []
        screenshot("survey-errors")

        for name in ELEMENT_FIELDS:
            page.check(f"input[name={name}][value='4']")
        page.fill("[name=comment]", "Cepat dan jelas.")
        page.locator("form.survey-form button[type=submit]").click()
        page.wait_for_load_state()
        assert (
            page.get_by_role("heading", level=1).inner_text() == "Terima kasih atas penilaian Anda"
        )
        assert axe_violations() == []
        screenshot("survey-thanks")
        assert SatisfactionResponse.objects.get(request=request).scores == (4,) * 9

        page.goto(survey_path)
        assert "sudah dinilai" in page.locator("main").inner_text()
