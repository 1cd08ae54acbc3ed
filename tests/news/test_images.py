import re

import pytest

from news.images import ALL_RENDITIONS, DETAIL_RENDITIONS, LISTING_RENDITIONS
from portal.models import PortalRendition
from tests.news.factories import NewsPageFactory
from tests.portal.factories import PortalImageFactory


@pytest.fixture
def image(db):
    return PortalImageFactory(width=1600, height=900, alt_text="Petani memetik kopi")


@pytest.fixture
def item(news_index, image, django_capture_on_commit_callbacks):
    page = NewsPageFactory(parent=news_index, featured_image=image, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def specs_of(image):
    return set(PortalRendition.objects.filter(image=image).values_list("filter_spec", flat=True))


class TestRenditions:
    def test_publishing_an_item_makes_the_renditions_its_pages_show(self, item, image):
        assert specs_of(image) == set(ALL_RENDITIONS)

    def test_pages_ask_for_no_other_rendition(self, client, item, image, news_index):
        client.get(news_index.url)
        client.get(item.url)

        assert specs_of(image) == set(ALL_RENDITIONS)

    def test_saving_a_featured_image_makes_missing_ones_again(
        self, item, image, django_capture_on_commit_callbacks
    ):
        PortalRendition.objects.filter(image=image).delete()

        with django_capture_on_commit_callbacks(execute=True):
            image.title = "Panen kopi"
            image.save()

        assert specs_of(image) == set(ALL_RENDITIONS)

    def test_an_image_no_news_item_shows_gets_none_in_advance(
        self, db, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            image = PortalImageFactory()
            image.save()

        assert specs_of(image) == set()


class TestResponsiveImages:
    def test_listing_offers_lazy_sized_alternatives(self, client, item, news_index):
        html = client.get(news_index.url).text

        (tag,) = re.findall(r"<img [^>]*>", html)
        assert 'loading="lazy"' in tag and 'sizes="' in tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        assert tag.count("w,") + 1 == len(LISTING_RENDITIONS)
        # Decorative: the title next to it says what the item is about.
        assert 'alt=""' in tag

    def test_item_page_shows_the_image_described(self, client, item):
        html = client.get(item.url).text

        (tag,) = re.findall(r"<img [^>]*>", html)
        assert 'alt="Petani memetik kopi"' in tag
        assert tag.count("w,") + 1 == len(DETAIL_RENDITIONS)
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
