"""Keep the engine in step with what the index cannot follow by itself."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished

from ppid_docs.models import RegulationPage
from search.errors import ENGINE_ERRORS
from search.models import Synonym
from search.synonyms import apply_synonyms

logger = logging.getLogger(__name__)


def apply_synonyms_after_commit(sender, **kwargs):
    from search.engine import uses_engine

    if not uses_engine():
        return

    def apply():
        try:
            apply_synonyms(get_search_backend())
        except ENGINE_ERRORS:
            # New indexes get the rules at creation; saving any synonym later applies them all.
            logger.exception("Could not apply the search synonyms to the engine")

    transaction.on_commit(apply)


def reindex_changed_regulations(sender, instance, **kwargs):
    """A regulation amending or revoking others changes their indexed status."""
    for relation in instance.outgoing_relations.select_related("target"):
        insert_or_update_object(relation.target)


def register():
    post_save.connect(apply_synonyms_after_commit, sender=Synonym)
    post_delete.connect(apply_synonyms_after_commit, sender=Synonym)
    page_published.connect(reindex_changed_regulations, sender=RegulationPage)
    page_unpublished.connect(reindex_changed_regulations, sender=RegulationPage)
