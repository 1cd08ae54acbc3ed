import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.news.factories import NewsPageFactory
from tests.ppid_docs.factories import AgencyFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(news_index):
    return {
        "announcement": NewsPageFactory(
            parent=news_index,
            title="Pengumuman lelang kendaraan",
            kind="pengumuman",
            published_on=datetime.date(2025, 8, 11),
            agency=AgencyFactory(name="Badan Pengelola Keuangan", slug="bpkad"),
            tags=["lelang"],
        ),
        "news": NewsPageFactory(
            parent=news_index, title="Panen kopi", published_on=datetime.date(2024, 7, 9)
        ),
    }


class TestFeeds:
    def test_rss_lists_the_filtered_items_with_their_categories(self, client, news_index, items):
        response = client.get(news_index.url + "feed/rss/", {"kind": "pengumuman"})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == "Berita: Pengumuman"
        assert channel.findtext("link").endswith(f"{news_index.url}?kind=pengumuman")
        (item,) = channel.findall("item")
        assert item.findtext("title") == "Pengumuman lelang kendaraan"
        assert item.findtext("link") == items["announcement"].full_url
        assert item.findtext("description") == items["announcement"].summary
        assert [category.text for category in item.findall("category")] == [
            "Pengumuman",
            "lelang",
            "Badan Pengelola Keuangan",
        ]
        # Dated by its publication date (in site time), not by when it was imported.
        assert item.findtext("pubDate").startswith("Mon, 11 Aug 2025 00:00:00 +0700")

    def test_atom_lists_the_items_newest_first(self, client, news_index, items):
        response = client.get(news_index.url + "feed/atom/")

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
            "Pengumuman lelang kendaraan",
            "Panen kopi",
        ]
        assert entries[1].find(f"{ATOM}link").get("href") == items["news"].full_url

    def test_filtered_list_links_to_its_filtered_feeds(self, client, news_index, items):
        html = client.get(news_index.url, {"tag": "lelang"}).text

        assert f'href="{news_index.url}feed/rss/?tag=lelang"' in html
        assert f'href="{news_index.url}feed/atom/?tag=lelang"' in html

    @pytest.mark.parametrize("query", [{"kind": "opini"}, {"year": "x"}, {"when": "soon"}])
    def test_invalid_filters_are_a_400_with_the_reason(self, client, news_index, items, query):
        response = client.get(news_index.url + "feed/rss/", query)

        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert response.text.strip()
