import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ppid_docs.models import RegulationPage


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def run(path):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_corpus", str(path), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.mark.usefixtures("home_page")
class TestImportCorpusCommand:
    def test_reports_counts_per_kind_and_every_invalid_record(self, write_corpus):
        folder = write_corpus(
            [
                "reg-perda-2015-02",
                "news-2018-12-posko-tsunami-kalianda",
                {"id": "reg-tanpa-judul", "kind": "regulation"},
            ]
        )

        stdout, stderr = run(folder)

        assert stdout.splitlines() == [
            "regulation: 1 created, 0 updated, 0 unchanged, 0 skipped, 1 invalid",
            "news: 1 skipped — imported by the news app",
        ]
        assert "Invalid records:\n  reg-tanpa-judul: missing required field “title”" in stderr
        assert RegulationPage.objects.live().count() == 1

    def test_draws_a_progress_bar_on_stderr(self, write_corpus):
        _stdout, stderr = run(write_corpus(["reg-perda-2015-02", "reg-perda-2016-04"]))

        assert "\r[###############...............] 1/2 reg-perda-2015-02" in stderr
        assert "\r[##############################] 2/2 reg-perda-2016-04" in stderr

    def test_a_second_run_reports_everything_unchanged(self, write_corpus):
        folder = write_corpus(["reg-perda-2015-02"])
        run(folder)

        stdout, _stderr = run(folder)

        assert stdout == "regulation: 0 created, 0 updated, 1 unchanged, 0 skipped, 0 invalid\n"


@pytest.mark.usefixtures("home_page")
class TestBadInput:
    def test_a_missing_folder(self, tmp_path):
        with pytest.raises(CommandError, match=r"“.*nowhere” is not a folder\."):
            run(tmp_path / "nowhere")

    def test_a_folder_without_manifest(self, tmp_path):
        with pytest.raises(CommandError, match=r"has no manifest\.json"):
            run(tmp_path)

    def test_a_manifest_that_is_not_json(self, tmp_path):
        (tmp_path / "manifest.json").write_text("[{'id': 1}", encoding="utf-8")

        with pytest.raises(CommandError, match=r"manifest.json is not valid JSON: .*line 1"):
            run(tmp_path)

    def test_a_manifest_that_is_not_a_list(self, tmp_path):
        (tmp_path / "manifest.json").write_text('{"records": []}', encoding="utf-8")

        with pytest.raises(CommandError, match="must hold a list of records"):
            run(tmp_path)


def test_without_the_portal_home_page_nothing_is_imported(db, write_corpus):
    with pytest.raises(CommandError, match="run load_demo first"):
        run(write_corpus(["reg-perda-2015-02"]))

    assert not RegulationPage.objects.exists()
