import pytest
from django.core.files.base import ContentFile

from portal.page_cache import purge
from ppid_docs.models import PPIDDocument, RegulationPage
from ppid_docs.tasks import extract_document_text
from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    DocumentFactory,
    RegulationPageFactory,
)
from tests.ppid_docs.pdfs import PERDA_2011_02_PHRASE, corpus_pdf, truncated_pdf


def pdf_file(data, name="perda.pdf"):
    return ContentFile(data, name=name)


@pytest.fixture
def agency_page(home_page):
    return AgencyPageFactory(parent=AgencyIndexPageFactory(parent=home_page))


def queued(callbacks):
    """What a save left to run after commit, besides the page cache's purge."""
    return [callback for callback in callbacks if callback is not purge]


class TestExtractionIsQueuedOnCommit:
    def test_a_new_document_is_read_only_after_commit(self, db, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            document = DocumentFactory(file=pdf_file(corpus_pdf("reg-perda-2011-02")))
            assert PPIDDocument.objects.get(pk=document.pk).text_extraction == "pending"

        assert len(queued(callbacks)) == 1
        queued(callbacks)[0]()
        document.refresh_from_db()
        assert document.text_extraction == "done"
        assert PERDA_2011_02_PHRASE in document.extracted_text
        assert document.page_count == 7

    def test_the_tasks_own_update_does_not_queue_it_again(
        self, db, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            DocumentFactory(file=pdf_file(corpus_pdf("reg-perda-2011-02")))

        assert len(queued(callbacks)) == 1

    def test_editing_the_title_does_not_queue_it(self, db, django_capture_on_commit_callbacks):
        document = DocumentFactory()
        with django_capture_on_commit_callbacks() as callbacks:
            document.title = "Perda Pajak Daerah"
            document.save()

        assert queued(callbacks) == []

    def test_a_replaced_file_is_read_again(self, db, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            document = DocumentFactory(file=pdf_file(corpus_pdf("fin-apbd-2019")))

        with django_capture_on_commit_callbacks() as callbacks:
            document.file = pdf_file(corpus_pdf("reg-perda-2011-02"))
            document.save()
            assert PPIDDocument.objects.get(pk=document.pk).text_extraction == "pending"
        for callback in callbacks:
            callback()

        document.refresh_from_db()
        assert len(queued(callbacks)) == 1
        assert PERDA_2011_02_PHRASE in document.extracted_text


class TestExtractDocumentText:
    def test_a_damaged_pdf_is_recorded_not_raised(self, db):
        document = DocumentFactory(file=pdf_file(truncated_pdf()))

        result = extract_document_text.enqueue(document.pk)

        document.refresh_from_db()
        assert result.status == "SUCCESSFUL"
        assert document.text_extraction == "failed"
        assert document.text_extraction_error
        assert document.extracted_text == ""

    def test_a_file_missing_from_storage_is_recorded(self, db):
        document = DocumentFactory()
        document.file.storage.delete(document.file.name)

        extract_document_text.enqueue(document.pk)

        document.refresh_from_db()
        assert document.text_extraction == "failed"

    def test_a_deleted_document_is_nothing_to_do(self, db):
        document = DocumentFactory()
        document_id = document.pk
        document.delete()

        assert extract_document_text.enqueue(document_id).return_value is None

    def test_live_pages_showing_the_document_become_findable_by_its_text(
        self, agency_page, search_index
    ):
        document = DocumentFactory(file=pdf_file(corpus_pdf("reg-perda-2011-02")))
        page = RegulationPageFactory(parent=agency_page, document=document)
        search_index.refresh_indexes()
        assert list(RegulationPage.objects.live().search("pemerataan")) == []

        extract_document_text.enqueue(document.pk)
        search_index.refresh_indexes()

        assert list(RegulationPage.objects.live().search("pemerataan")) == [page]
        assert list(PPIDDocument.objects.search("pemerataan")) == [document]
