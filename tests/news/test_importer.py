import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from news.importer import body_blocks, import_news, import_news_records, kind_from_title
from news.models import NewsPage
from ppid_docs.models import Agency
from tests.ppid_docs.pdfs import corpus_record, corpus_records

NEWS_IN_CORPUS = [record for record in corpus_records() if record["kind"] == "news"]


def event_record(**changes):
    return {
        "id": "agenda-2026-12-sosialisasi",
        "kind": "news",
        "news_kind": "agenda",
        "title": "Sosialisasi KIP",
        "summary": "Sosialisasi keterbukaan informasi.",
        "agency": "Dinas Komunikasi, Informatika dan Statistik Provinsi Lampung",
        "date": "2026-11-25",
        "event_start": "2026-12-15T09:00",
        "event_end": "2026-12-15T12:00",
        "location": "Balai Keratun",
        "tags": ["ppid", "keterbukaan informasi", "ppid"],
        **changes,
    }


class TestRules:
    @pytest.mark.parametrize(
        ("title", "kind"),
        [
            ("Pengumuman: Posko Tanggap Darurat Dibuka", "pengumuman"),
            ("Pengumuman Lelang Kendaraan Dinas", "pengumuman"),
            ("Petani Kopi Mulai Panen Raya", "berita"),
            ("Hasil Pengumumannya Ditunda", "berita"),
        ],
    )
    def test_kind_from_title(self, title, kind):
        assert kind_from_title(title) == kind

    def test_body_paragraphs_are_escaped_blocks(self):
        assert body_blocks("Satu <b>dua</b>\nbaris.\n\n\nTiga.\n") == [
            ("paragraph", "<p>Satu &lt;b&gt;dua&lt;/b&gt; baris.</p>"),
            ("paragraph", "<p>Tiga.</p>"),
        ]


class TestImportNews:
    def test_imports_every_news_record_of_the_corpus(self, news_index, write_corpus):
        folder = write_corpus(["reg-perda-2011-02", *(record["id"] for record in NEWS_IN_CORPUS)])

        report = import_news(folder, news_index)

        assert report.counts["created"] == len(NEWS_IN_CORPUS) == 21
        assert report.problems == []
        assert NewsPage.objects.child_of(news_index).live().count() == 21

    def test_a_record_becomes_a_news_page(self, news_index, write_corpus):
        record = corpus_record("news-2025-08-lelang-kendaraan-dinas")

        import_news(write_corpus([record]), news_index)

        page = NewsPage.objects.get(external_id=record["id"])
        assert page.slug == record["id"]
        assert (page.title, page.summary) == (record["title"], record["summary"])
        assert page.kind == "pengumuman"
        assert page.published_on == datetime.date(2025, 8, 11)
        assert page.agency == Agency.objects.get(name=record["agency"])
        assert [block.block_type for block in page.body] == ["paragraph"] * len(
            record["body"].split("\n\n")
        )
        assert page.live and page.get_parent().pk == news_index.pk

    def test_an_event_record_keeps_its_times_place_and_tags(self, news_index):
        report = import_news_records([event_record()], news_index)

        page = NewsPage.objects.get()
        assert report.counts["created"] == 1
        assert page.kind == "agenda"
        assert page.event_start == datetime.datetime(2026, 12, 15, 2, tzinfo=datetime.UTC)
        assert page.event_end == datetime.datetime(2026, 12, 15, 5, tzinfo=datetime.UTC)
        assert page.location == "Balai Keratun"
        assert sorted(tag.name for tag in page.tags.all()) == ["keterbukaan informasi", "ppid"]

    def test_importing_again_changes_nothing(self, news_index, write_corpus):
        folder = write_corpus([record["id"] for record in NEWS_IN_CORPUS[:3]])
        import_news(folder, news_index)
        import_news_records([event_record()], news_index)
        revisions = Revision.objects.count()

        report = import_news(folder, news_index)
        again = import_news_records([event_record()], news_index)

        assert report.counts == {"unchanged": 3}
        assert again.counts == {"unchanged": 1}
        assert Revision.objects.count() == revisions

    def test_a_changed_record_gets_a_new_published_revision(self, news_index):
        import_news_records([event_record()], news_index)

        report = import_news_records(
            [event_record(title="Sosialisasi KIP (diundur)", tags=["ppid"])], news_index
        )

        page = NewsPage.objects.get()
        assert report.counts == {"updated": 1}
        assert page.title == "Sosialisasi KIP (diundur)"
        assert [tag.name for tag in page.tags.all()] == ["ppid"]
        assert page.revisions.count() == 2

    @pytest.mark.parametrize(
        ("changes", "reason"),
        [
            ({"event_start": "besok pagi"}, "event_start"),
            ({"event_start": None}, "event_start"),
            ({"event_end": "2026-12-14T09:00"}, "event_end"),
            ({"news_kind": "opini"}, "news_kind"),
            ({"date": "2026-13-01"}, "date"),
            ({"summary": ""}, "summary"),
            ({"id": "Tidak Sah"}, "id"),
            ({"tags": "ppid"}, "tags"),
        ],
    )
    def test_an_invalid_record_is_reported_and_leaves_nothing(self, news_index, changes, reason):
        good = event_record(id="agenda-lain")

        report = import_news_records([event_record(**changes), good], news_index)

        assert report.counts == {"invalid": 1, "created": 1}
        (problem,) = report.problems
        assert reason in problem.reason or reason == "id"
        assert list(NewsPage.objects.values_list("external_id", flat=True)) == ["agenda-lain"]

    def test_a_repeated_id_is_reported(self, news_index):
        report = import_news_records([event_record(), event_record()], news_index)

        assert report.counts == {"created": 1, "invalid": 1}


class TestImportNewsCommand:
    def test_imports_and_reports_the_counts(self, news_index, write_corpus, capsys):
        folder = write_corpus([record["id"] for record in NEWS_IN_CORPUS[:2]])

        call_command("import_news", str(folder))

        assert "2" in capsys.readouterr().out
        assert NewsPage.objects.count() == 2

    def test_without_a_news_list_it_says_so(self, home_page, write_corpus):
        with pytest.raises(CommandError):
            call_command("import_news", str(write_corpus([])))

    def test_a_missing_folder_is_an_error(self, news_index, tmp_path):
        with pytest.raises(CommandError):
            call_command("import_news", str(tmp_path / "missing"))
