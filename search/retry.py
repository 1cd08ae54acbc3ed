"""Replaying failed index updates: what exists and is indexable is indexed, the rest removed."""

import logging

from django.db import transaction
from django_tasks import task
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_instance

from search.errors import ENGINE_ERRORS
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def replay(update, backend):
    model = update.content_type.model_class()
    obj = model._default_manager.filter(pk=update.object_id).first()
    indexed = get_indexed_instance(obj) if obj is not None else None
    if indexed is not None:
        backend.add(indexed)
    else:
        # Gone, or no longer indexable: an unsaved stand-in names the entry to remove.
        backend.delete(model(pk=update.object_id))


def retry_pending_updates():
    """Returns (replayed, still pending); stops at the first failure: the engine is still away."""
    backend = get_search_backend()
    done = 0
    for update in PendingIndexUpdate.objects.select_related("content_type").order_by("pk"):
        try:
            with transaction.atomic():
                replay(update, backend)
                update.delete()
        except ENGINE_ERRORS:
            logger.warning("Search engine still unavailable: %d updates wait", done)
            break
        done += 1
    return done, PendingIndexUpdate.objects.count()


@task()
def retry_pending_index_updates():
    return retry_pending_updates()[0]
