import pytest
from django.utils import translation

from ppid_docs.extraction import extract_text
from tests.ppid_docs.pdfs import (
    PERDA_2011_02_PHRASE,
    blank_pdf,
    corpus_pdf,
    corpus_record,
    encrypted_pdf,
    misplaced_xref_pdf,
    truncated_pdf,
)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


class TestExtractText:
    def test_reads_every_page_of_a_text_pdf(self):
        result = extract_text(corpus_pdf("reg-perda-2011-02"), "perda.pdf")

        assert result.status == "done"
        assert PERDA_2011_02_PHRASE in result.text
        assert result.page_count == corpus_record("reg-perda-2011-02")["pages"]
        assert result.error == ""

    def test_falls_back_to_the_tolerant_reader_when_the_strict_one_refuses(self):
        result = extract_text(misplaced_xref_pdf(), "perda.pdf")

        assert result.status == "done"
        assert PERDA_2011_02_PHRASE in result.text

    def test_a_pdf_without_text_layer_is_no_text_with_its_pages_counted(self):
        result = extract_text(blank_pdf(pages=2), "scan.pdf")

        assert result.status == "no_text"
        assert result.text == ""
        assert result.page_count == 2

    def test_a_password_protected_pdf_fails_with_the_reason(self):
        result = extract_text(encrypted_pdf(password="rahasia"), "rahasia.pdf")

        assert result.status == "failed"
        assert result.error == "The PDF is protected by a password."

    def test_a_pdf_encrypted_only_against_editing_is_read(self):
        result = extract_text(encrypted_pdf(password=""), "perda.pdf")

        assert result.status == "done"
        assert PERDA_2011_02_PHRASE in result.text

    def test_a_damaged_pdf_fails_with_a_short_reason(self):
        result = extract_text(truncated_pdf(), "rusak.pdf")

        assert result.status == "failed"
        assert result.error.startswith("The PDF is damaged")
        assert len(result.error) <= 255

    def test_a_pdf_named_file_that_is_no_pdf_fails(self):
        result = extract_text(b"<html>not found</html>", "laporan.pdf")

        assert result.status == "failed"
        assert result.error == "The file is not a valid PDF."

    def test_other_files_are_not_applicable(self):
        result = extract_text(b"PK\x03\x04 spreadsheet", "anggaran.xlsx")

        assert result.status == "not_applicable"
        assert result.page_count is None
