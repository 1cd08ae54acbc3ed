"""Background work for news: image renditions made before the first visitor asks for them."""

from django_tasks import task
from wagtail.images import get_image_model

from news.images import generate_renditions


@task()
def generate_news_renditions(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted before its turn came
    return len(generate_renditions(image))


def images_shown_by_news():
    """The images live news items feature (a rendition of anything else is made on demand)."""
    from news.models import NewsPage

    return NewsPage.objects.live().exclude(featured_image=None).values("featured_image")
