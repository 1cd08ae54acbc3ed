import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models.pages import LATEST_NEWS_COUNT
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory


def home_news_titles(html):
    section = html.split('id="latest-news-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="news-card__title"><a href="[^"]*">([^<]*)</a>', section)


class TestLatestNewsOnTheHomePage:
    def test_shows_the_newest_items_of_the_language_with_a_link_to_all(
        self, client, home_page, news_index, english
    ):
        for day in range(1, 7):
            NewsPageFactory(
                parent=news_index, title=f"Berita {day}", published_on=datetime.date(2026, 11, day)
            )
        NewsPageFactory(parent=news_index, title="Draft", live=False)
        NewsPageFactory(parent=news_index, title="English", locale=english)

        html = client.get(home_page.url).text

        assert home_news_titles(html) == ["Berita 6", "Berita 5", "Berita 4", "Berita 3"]
        assert len(home_news_titles(html)) == LATEST_NEWS_COUNT
        assert f'<a href="{news_index.url}">' in html

    def test_without_news_there_is_no_section(self, client, home_page):
        assert 'id="latest-news-heading"' not in client.get(home_page.url).text

    @pytest.mark.parametrize("size", [1, 6])
    def test_costs_the_same_queries_whatever_the_number_of_items(
        self, client, home_page, news_index, size
    ):
        for _number in range(size):
            NewsPageFactory(parent=news_index, tags=["umum"])
        client.get(home_page.url)  # the first request fills the caches of site and locales

        with CaptureQueriesContext(connection) as one:
            client.get(home_page.url)
        NewsPageFactory(parent=news_index)
        client.get(home_page.url)  # publishing rebuilt the cached site chrome
        with CaptureQueriesContext(connection) as more:
            client.get(home_page.url)

        assert len(more.captured_queries) == len(one.captured_queries)


class TestEnglishHome:
    def test_lists_news_of_its_own_language(self, client, home_page, news_index, english):
        english_home = home_page.copy_for_translation(english)
        english_home.save_revision().publish()
        english_index = NewsIndexPageFactory(parent=english_home, locale=english, slug="news")
        NewsPageFactory(parent=english_index, title="Coffee harvest", locale=english)
        NewsPageFactory(parent=news_index, title="Panen kopi")

        html = client.get("/en/").text

        assert home_news_titles(html) == ["Coffee harvest"]
