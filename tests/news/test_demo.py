import pytest

from news.models import NewsIndexPage, NewsPage
from portal.demo import load_demo_news, load_demo_pages
from tests.ppid_docs.pdfs import CORPUS


@pytest.fixture
def demo_site(db):
    return load_demo_pages()


class TestDemoNews:
    def test_the_news_list_answers_in_both_languages(self, client, demo_site):
        assert NewsIndexPage.objects.count() == 2
        assert client.get("/berita/").status_code == 200
        assert client.get("/en/berita/").status_code == 200

    def test_corpus_news_and_demo_events_go_under_the_news_list_once(self, client, demo_site):
        corpus, events = load_demo_news(CORPUS)

        assert corpus.counts == {"created": 21}
        assert events.counts == {"created": 3}
        index = NewsIndexPage.objects.get(locale__language_code="id")
        assert NewsPage.objects.child_of(index).live().count() == 24
        assert NewsPage.objects.filter(kind="pengumuman").count() == 2
        again = load_demo_news(CORPUS)
        assert [report.counts for report in again] == [{"unchanged": 21}, {"unchanged": 3}]
        html = client.get("/").text
        assert 'id="latest-news-heading"' in html
