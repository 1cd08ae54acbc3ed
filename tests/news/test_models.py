import datetime

import pytest
from django.core.exceptions import ValidationError

from news.models import NewsIndexPage, NewsPage
from portal.models import HomePage
from tests.news.factories import NewsPageFactory
from tests.ppid_docs.factories import AgencyFactory


class TestPlaceInTheSite:
    def test_news_items_live_only_under_a_news_list(self):
        assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
        assert NewsPage.allowed_subpage_models() == []

    def test_a_news_list_lives_once_under_a_home_page(self, news_index, home_page):
        assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
        assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
        # One list per home page (language): a second one cannot be added.
        assert not NewsIndexPage.can_create_at(home_page)


class TestValidation:
    def test_an_agenda_item_needs_its_start(self, news_index):
        item = NewsPageFactory.build(kind="agenda", location="Balai Keratun")

        with pytest.raises(ValidationError) as raised:
            news_index.add_child(instance=item)

        assert set(raised.value.message_dict) == {"event_start"}

    def test_an_agenda_item_with_its_times_is_saved(self, news_index):
        start = datetime.datetime(2026, 12, 15, 2, tzinfo=datetime.UTC)
        item = NewsPageFactory(
            parent=news_index, kind="agenda", event_start=start, location="Balai Keratun"
        )

        assert item.is_event
        assert NewsPage.objects.get(pk=item.pk).event_start == start


def publish(page):
    page.save_revision().publish()
    return page


class TestSearch:
    @pytest.fixture
    def items(self, search_index, news_index):
        return {
            "by_body": NewsPageFactory(
                parent=news_index,
                title="Rapat koordinasi",
                body=[("paragraph", "<p>Pembahasan tentang mangrove pesisir timur.</p>")],
            ),
            "by_tag": publish(
                NewsPageFactory(parent=news_index, title="Kegiatan", tags=["ketahanan"], live=False)
            ),
            "by_summary": NewsPageFactory(
                parent=news_index, title="Pengumuman", summary="Jadwal vaksinasi rabies."
            ),
            "by_agency": NewsPageFactory(
                parent=news_index, title="Kunjungan", agency=AgencyFactory(name="Dinas Perkebunan")
            ),
        }

    @pytest.mark.parametrize(
        ("words", "found"),
        [
            ("mangrove", "by_body"),
            ("ketahanan", "by_tag"),
            ("rabies", "by_summary"),
            ("perkebunan", "by_agency"),
        ],
    )
    def test_items_are_found_by_their_text_tags_and_agency(self, search_index, items, words, found):
        search_index.refresh_indexes()

        assert list(NewsPage.objects.live().search(words)) == [items[found]]
