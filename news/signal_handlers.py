"""What publishing a news item sets off: its search entry with its tags, and its renditions.

Saving an image a news item shows makes any missing rendition again.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from news.models import NewsPage
from news.tasks import generate_news_renditions, images_shown_by_news


def renditions_after_publish(sender, instance, **kwargs):
    if instance.featured_image_id:
        # After commit: the task may run in another process, which must see the image.
        transaction.on_commit(partial(generate_news_renditions.enqueue, instance.featured_image_id))


def reindex_with_tags(sender, instance, **kwargs):
    # The search entry written on save predates the tags, which the page's cluster saves after.
    insert_or_update_object(instance)


def renditions_after_image_change(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return  # a new image is not on any news item yet
    if images_shown_by_news().filter(featured_image=instance.pk).exists():
        transaction.on_commit(partial(generate_news_renditions.enqueue, instance.pk))


def register():
    page_published.connect(reindex_with_tags, sender=NewsPage)
    page_published.connect(renditions_after_publish, sender=NewsPage)
    post_save.connect(renditions_after_image_change, sender=get_image_model())
