"""A new or replaced document file is read in the background, once the upload is committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from ppid_docs.models import PPIDDocument, TextExtraction
from ppid_docs.tasks import extract_document_text


def mark_new_file_for_extraction(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields):
        instance._file_changed = False
        return
    stored_name = (
        sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
        if instance.pk
        else None
    )
    instance._file_changed = stored_name != instance.file.name
    if instance._file_changed:
        instance.extracted_text = ""
        instance.page_count = None
        instance.text_extraction = TextExtraction.PENDING
        instance.text_extraction_error = ""


def extract_text_after_commit(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_file_changed", False):
        return
    # After commit: the task may run in another process, which must see the row and the file.
    transaction.on_commit(partial(extract_document_text.enqueue, instance.pk))


def register():
    pre_save.connect(mark_new_file_for_extraction, sender=PPIDDocument)
    post_save.connect(extract_text_after_commit, sender=PPIDDocument)
