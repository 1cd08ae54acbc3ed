"""The renditions news templates show, so they can be prefetched and made ahead of visitors.

Each tuple lists the specs of one `{% srcset_image %}` tag; keep them in step with the templates
(tests/news/test_images.py renders the pages and checks no other rendition is asked for).
"""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# templates/news/includes/news_card.html: fill-{400x225,800x450} format-webp
LISTING_RENDITIONS = tuple(Filter.expand_spec("fill-{400x225,800x450} format-webp"))
# templates/news/news_page.html: width-{640,960,1280} format-webp
DETAIL_RENDITIONS = tuple(Filter.expand_spec("width-{640,960,1280} format-webp"))
ALL_RENDITIONS = LISTING_RENDITIONS + DETAIL_RENDITIONS


def prefetch_renditions(lookup, specs):
    """A Prefetch of an image relation's renditions that Wagtail's image tags then reuse."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


def generate_renditions(image):
    """Make every rendition a news page may show of `image` (those existing are kept)."""
    return image.get_renditions(*ALL_RENDITIONS)
