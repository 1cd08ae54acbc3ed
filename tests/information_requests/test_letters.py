import io

import pytest
from pypdf import PdfReader

from information_requests import workflow
from information_requests.letters import render_notice_pdf, render_receipt_pdf
from tests.information_requests.factories import REQUESTER, StaffFactory, submit_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def pdf_text(content):
    """The text a reader extracts, one space between words, so wrapped lines compare easily."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def answered(outcome, **details):
    request = workflow.answer(
        submit_request(), actor=StaffFactory(), outcome=outcome, details=details
    )
    return request.notice


class TestReceipt:
    def test_gives_the_number_the_dates_and_the_request(self):
        text = pdf_text(render_receipt_pdf(submit_request()))

        assert "Receipt of a public information request" in text
        assert "Registration number 001/PPID/2026" in text
        assert "Tuesday, 8 September 2026, 09:00 WIB" in text
        assert "Laporan realisasi anggaran Dinas Kesehatan tahun 2024" in text
        assert "due by the end of Tuesday, 22 September 2026 (23:59 WIB)" in text

    def test_carries_no_identity_number_address_or_phone(self):
        text = pdf_text(render_receipt_pdf(submit_request()))

        for private in ("nik", "address", "phone", "email"):
            assert REQUESTER[private] not in text

    def test_prints_text_beyond_latin_1(self):
        request = submit_request(information_requested="Anggaran “Pāṇini” — ½ tahun ✓")

        assert "Anggaran “Pāṇini” — ½ tahun ✓" in pdf_text(render_receipt_pdf(request))

    def test_long_requests_continue_on_a_second_page(self):
        request = submit_request(information_requested="Dokumen kontrak pengadaan. " * 400)

        reader = PdfReader(io.BytesIO(render_receipt_pdf(request)))

        assert len(reader.pages) > 1
        assert "Page 2 of" in reader.pages[1].extract_text()


class TestWrittenNotice:
    def test_a_grant_says_what_in_which_form_when_and_at_what_cost(self):
        notice = answered(
            "granted_full",
            information_provided="LRA Dinas Kesehatan 2024",
            information_form="hardcopy",
            cost=25000,
            cost_explanation="transfer ke rekening Kas Daerah",
            provision_time="5 hari kerja",
        )

        text = pdf_text(render_notice_pdf(notice))

        assert "Written notice on a public information request" in text
        assert "001/PPID/2026" in text
        assert "Decision Granted in full" in text
        assert "Does this body hold the information? Yes" in text
        assert "LRA Dinas Kesehatan 2024" in text
        assert "Receive a copy: hardcopy" in text
        assert "Rp 25,000 transfer ke rekening Kas Daerah" in text
        assert "5 hari kerja" in text
        assert "objection (keberatan)" in text

    def test_a_partial_grant_says_what_is_blacked_out_and_why(self):
        notice = answered(
            "granted_partial",
            information_provided="Kontrak",
            information_form="softcopy",
            redactions="Nomor rekening penyedia: rahasia pribadi (Pasal 17 h)",
        )

        text = pdf_text(render_notice_pdf(notice))

        assert "Granted in part" in text
        assert "Nomor rekening penyedia: rahasia pribadi (Pasal 17 h)" in text
        assert "Free of charge" in text

    def test_a_rejection_gives_the_ground_and_the_consequence_test(self):
        notice = answered(
            "rejected",
            exemption_ground="b",
            consequence_test="Membuka dokumen penawaran merugikan persaingan usaha.",
        )

        text = pdf_text(render_notice_pdf(notice))

        assert "Rejected: exempt information" in text
        assert "b. Harms intellectual property or fair competition" in text
        assert "Membuka dokumen penawaran merugikan persaingan usaha." in text

    def test_not_held_names_the_body_that_holds_it(self):
        text = pdf_text(
            render_notice_pdf(answered("not_held", holding_body="BPS Provinsi Lampung"))
        )

        assert "Not held by this body" in text
        assert "No. The information is held by: BPS Provinsi Lampung" in text

    def test_not_documented_gives_the_time_needed(self):
        notice = answered("not_documented", documentation_period="30 hari kerja")

        text = pdf_text(render_notice_pdf(notice))

        assert "Not yet documented. Time needed to document it: 30 hari kerja" in text
