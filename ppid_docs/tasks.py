"""Background work on documents: text extraction, then re-indexing what shows that text."""

from django.apps import apps
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.search.index import insert_or_update_object

from ppid_docs.extraction import Extraction, extract_text
from ppid_docs.models import PPIDDocument, TextExtraction
from ppid_docs.models.publication import PublicationPage


@task()
def extract_document_text(document_id):
    """Store the text and page count of a document's file and re-index it and its pages."""
    document = PPIDDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None  # deleted before its turn came
    try:
        with document.open_file() as file:
            data = file.read()
    except OSError:
        result = Extraction(TextExtraction.FAILED, error=_("The file is missing from storage."))
    else:
        result = extract_text(data, document.file.name)
    # An update, not save(): saving would look like a new upload and queue this task again.
    PPIDDocument.objects.filter(pk=document_id).update(
        extracted_text=result.text,
        page_count=result.page_count,
        text_extraction=result.status,
        text_extraction_error=result.error,
    )
    document.refresh_from_db()
    reindex_document_and_pages(document)
    return result.status


def reindex_document_and_pages(document):
    insert_or_update_object(document)
    for page in pages_showing(document):
        insert_or_update_object(page)


def pages_showing(document):
    """Live pages whose search entry includes this document's text."""
    for model in apps.get_models():
        if issubclass(model, PublicationPage):
            yield from model.objects.live().filter(document=document)
