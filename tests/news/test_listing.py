import datetime
import re

import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from tests.news.factories import NewsPageFactory
from tests.portal.factories import PortalImageFactory
from tests.ppid_docs.factories import AgencyFactory

HOUR = datetime.timedelta(hours=1)


def listed_titles(html):
    """The titles of the listed items, in order."""
    return re.findall(r'<h3 class="news-card__title"><a href="[^"]*">([^<]*)</a>', html)


def agenda(parent, title, start, end=None, **fields):
    return NewsPageFactory(
        parent=parent,
        title=title,
        kind="agenda",
        event_start=start,
        event_end=end,
        location="Balai Keratun",
        **fields,
    )


@pytest.fixture
def items(news_index):
    """Two news items, an announcement and three events (one over, one on now, one to come).

    Event times are relative to the real clock: the object store's signatures need it.
    """
    dinkes = AgencyFactory(name="Dinas Kesehatan", slug="dinkes")
    now = timezone.now()
    return {
        "news_2025": NewsPageFactory(
            parent=news_index, title="Berita 2025", published_on=datetime.date(2025, 5, 1)
        ),
        "news_2026": NewsPageFactory(
            parent=news_index,
            title="Berita 2026",
            published_on=datetime.date(2026, 11, 20),
            agency=dinkes,
            tags=["kesehatan"],
        ),
        "announcement": NewsPageFactory(
            parent=news_index,
            title="Pengumuman lelang",
            kind="pengumuman",
            published_on=datetime.date(2026, 8, 11),
            tags=["lelang"],
        ),
        "past_event": agenda(
            news_index,
            "Bimtek selesai",
            now - 50 * 24 * HOUR,
            published_on=datetime.date(2026, 10, 1),
        ),
        "ongoing_event": agenda(
            news_index,
            "Pameran berlangsung",
            now - 2 * HOUR,
            now + 4 * HOUR,
            published_on=datetime.date(2026, 11, 25),
            agency=dinkes,
        ),
        "coming_event": agenda(
            news_index,
            "Uji publik",
            now + 40 * 24 * HOUR,
            published_on=datetime.date(2026, 11, 1),
            tags=["kesehatan"],
        ),
    }


NEWEST_FIRST = [
    "Pameran berlangsung",
    "Berita 2026",
    "Uji publik",
    "Bimtek selesai",
    "Pengumuman lelang",
    "Berita 2025",
]


class TestWhatIsListed:
    def test_live_public_items_of_the_language_newest_first(
        self, client, news_index, items, english
    ):
        NewsPageFactory(parent=news_index, title="Draft", live=False)
        NewsPageFactory(parent=news_index, title="English one", locale=english)
        private = NewsPageFactory(parent=news_index, title="Private")
        PageViewRestriction.objects.create(
            page=private, restriction_type="password", password="rahasia"
        )

        response = client.get(news_index.url)

        assert response.status_code == 200
        assert listed_titles(response.text) == NEWEST_FIRST

    def test_each_item_shows_its_kind_date_agency_and_event(self, client, news_index, items):
        html = client.get(news_index.url).text

        assert '<span class="kind kind--pengumuman">' in html
        assert '<time datetime="2026-11-20">' in html
        assert f"· {items['news_2026'].agency.short_name}</p>" in html
        assert html.count('class="news-card__event"') == 3
        assert "Balai Keratun" in html

    def test_unfiltered_list_may_be_indexed_and_offers_its_feeds(self, client, news_index, items):
        html = client.get(news_index.url).text

        assert 'name="robots"' not in html
        assert f'href="{news_index.url}feed/rss/"' in html
        assert f'href="{news_index.url}feed/atom/"' in html


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"kind": "agenda"}, ["Pameran berlangsung", "Uji publik", "Bimtek selesai"]),
            ({"kind": "pengumuman"}, ["Pengumuman lelang"]),
            ({"year": "2025"}, ["Berita 2025"]),
            ({"tag": "kesehatan"}, ["Berita 2026", "Uji publik"]),
            ({"agency": "dinkes"}, ["Pameran berlangsung", "Berita 2026"]),
            ({"tag": "kesehatan", "kind": "berita"}, ["Berita 2026"]),
            # Upcoming and ongoing events come soonest first.
            ({"when": "upcoming"}, ["Pameran berlangsung", "Uji publik"]),
            ({"when": "upcoming", "sort": "title"}, ["Pameran berlangsung", "Uji publik"]),
            ({"when": "past"}, ["Bimtek selesai"]),
            ({"year": "2020"}, []),
        ],
    )
    def test_narrow_the_list_and_are_not_indexed(self, client, news_index, items, query, expected):
        response = client.get(news_index.url, query)

        assert response.status_code == 200
        assert listed_titles(response.text) == expected
        assert '<meta name="robots" content="noindex">' in response.text

    def test_upcoming_events_soonest_first(self, client, news_index, items):
        later = agenda(news_index, "Festival", timezone.now() + 90 * 24 * HOUR)
        sooner = agenda(news_index, "Rapat", timezone.now() + 5 * HOUR)

        titles = listed_titles(client.get(news_index.url, {"when": "upcoming"}).text)

        assert titles == ["Pameran berlangsung", sooner.title, "Uji publik", later.title]

    def test_show_how_many_items_each_value_gives(self, client, news_index, items):
        html = client.get(news_index.url, {"tag": "kesehatan"}).text

        assert re.search(r'<option value="agenda">[^<(]*\(1\)</option>', html)
        assert re.search(r'<option value="kesehatan" selected>kesehatan \(2\)</option>', html)
        assert re.search(r'<option value="upcoming">[^<(]*\(1\)</option>', html)
        assert '<option value="2025">' not in html

    @pytest.mark.parametrize(
        "query",
        [
            {"kind": "opini"},
            {"year": "abc"},
            {"year": "1800"},
            {"tag": "no-such-tag"},
            {"agency": "no-such-agency"},
            {"when": "tomorrow"},
            {"sort": "random"},
        ],
    )
    def test_invalid_values_are_answered_400_with_a_translated_message(
        self, client, news_index, items, query
    ):
        response = client.get(news_index.url, query, headers={"accept-language": "id"})

        assert response.status_code == 400
        assert 'role="alert"' in response.text
        assert "Beberapa filter tidak dikenali" in response.text
        assert len(listed_titles(response.text)) == len(items)

    def test_tags_of_other_pages_or_languages_are_not_offered(
        self, client, news_index, items, english
    ):
        Tag.objects.create(name="ekonomi", slug="ekonomi")  # e.g. a regulation's subject
        NewsPageFactory(parent=news_index, locale=english, tags=["economy"])

        html = client.get(news_index.url).text

        assert '<option value="lelang">' in html
        assert 'value="ekonomi"' not in html and 'value="economy"' not in html
        assert client.get(news_index.url, {"tag": "ekonomi"}).status_code == 400


class TestPagination:
    @pytest.fixture(autouse=True)
    def two_per_page(self, monkeypatch):
        monkeypatch.setattr(NewsIndexPage, "listing_per_page", 2)

    @pytest.mark.parametrize(
        ("page", "expected"),
        [
            ("1", NEWEST_FIRST[:2]),
            ("2", NEWEST_FIRST[2:4]),
            ("3", NEWEST_FIRST[4:]),
            ("abc", NEWEST_FIRST[:2]),
            ("99", NEWEST_FIRST[4:]),
        ],
    )
    def test_any_page_number_gives_a_page(self, client, news_index, items, page, expected):
        response = client.get(news_index.url, {"page": page})

        assert response.status_code == 200
        assert listed_titles(response.text) == expected

    def test_page_links_keep_the_filters(self, client, news_index, items):
        html = client.get(news_index.url, {"kind": "agenda"}).text

        assert 'href="?kind=agenda&amp;page=2"' in html


class TestQueryCount:
    @pytest.mark.parametrize("size", [2, 8])
    def test_stays_the_same_whatever_the_list_size(
        self,
        client,
        news_index,
        django_assert_num_queries,
        django_capture_on_commit_callbacks,
        size,
    ):
        agency = AgencyFactory()
        for number in range(size):
            item = NewsPageFactory(
                parent=news_index,
                agency=agency,
                tags=[f"topik {number}", "umum"],
                featured_image=PortalImageFactory(),
                live=False,
            )
            # Publishing makes the renditions the list shows (news.signal_handlers).
            with django_capture_on_commit_callbacks(execute=True):
                item.save_revision().publish()

        # Routing, the header, main navigation, breadcrumbs, hreflang links and the footer take a
        # fixed number; the listing adds the view restrictions, the agencies, the tags, the five
        # filters' counts (one query), the total, the page of items, their tags and their images'
        # renditions.
        with django_assert_num_queries(26):
            response = client.get(news_index.url, {"sort": "title"})

        assert len(listed_titles(response.text)) == size
        assert response.text.count("srcset=") == size

    @pytest.mark.parametrize("size", [2, 8])
    def test_feed_stays_the_same_whatever_its_size(
        self, client, news_index, django_assert_num_queries, size
    ):
        for number in range(size):
            NewsPageFactory(parent=news_index, tags=[f"topik {number}"])

        with django_assert_num_queries(14):
            client.get(news_index.url + "feed/rss/")
