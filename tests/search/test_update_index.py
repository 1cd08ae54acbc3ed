"""`update_index` against the real engine: an atomic rebuild behind an alias, with progress."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search.models import Synonym
from tests.ppid_docs.factories import PublicInformationPageFactory, RegulationPageFactory


class SearchingOutput(io.StringIO):
    """The command's output, which searches the site the first time progress is printed: that
    is, while the new index is being filled and the old one still answers."""

    def __init__(self, client, page_index):
        super().__init__()
        self.client, self.page_index = client, page_index
        self.during = None

    def write(self, text):
        if self.during is None and "%" in text and self.filling():
            self.during = {
                "titles": sorted(titles(self.client.get("/search/", {"q": "posyandu"}))),
                "indexes": [index.name for index in self.page_index.aliased_indices()],
            }
        return super().write(text)

    def filling(self):
        """Whether a new page index exists beside the one the alias points at."""
        existing = set(self.page_index.es.indices.get(index=f"{self.page_index.name}_*"))
        return bool(existing - {index.name for index in self.page_index.aliased_indices()})


def titles(response):
    assert response.status_code == 200
    assert not response.context["outcome"].degraded
    return [hit.page.title for hit in response.context["outcome"].hits.object_list]


@pytest.fixture
def page_index(search_backend):
    """The page index, whose name becomes an alias (`search_backend` drops what it points at)."""
    return search_backend.get_index_for_model(Page)


class TestUpdateIndex:
    def test_rebuilds_into_a_new_index_while_the_old_one_answers(
        self, client, search_backend, page_index, agency_page
    ):
        PublicInformationPageFactory(parent=agency_page, title="Jadwal Posyandu Balita")
        call_command("update_index", stdout=io.StringIO())  # an alias from now on
        [first] = page_index.aliased_indices()
        # Saved after the first rebuild: indexed in the index in use, and again in the new one.
        RegulationPageFactory(parent=agency_page, title="Peraturan tentang Posyandu")
        search_backend.refresh_indexes()
        output = SearchingOutput(client, page_index)

        call_command("update_index", stdout=output)

        both = ["Jadwal Posyandu Balita", "Peraturan tentang Posyandu"]
        assert output.during == {"titles": both, "indexes": [first.name]}
        [second] = page_index.aliased_indices()
        assert second.name != first.name
        assert second.name.startswith(page_index.name + "_")
        assert not search_backend.es.indices.exists(index=first.name)
        assert sorted(titles(client.get("/search/", {"q": "posyandu"}))) == both

    def test_shows_each_models_progress(self, search_backend, page_index, agency_page):
        for number in range(3):
            PublicInformationPageFactory(parent=agency_page, title=f"Informasi {number}")
        output = io.StringIO()

        call_command("update_index", "--chunk_size", "2", stdout=output)

        lines = [line for line in output.getvalue().splitlines() if "%" in line]
        label = "default: ppid_docs.PublicInformationPage"
        progress = [line for line in lines if line.startswith(label)]
        assert [line.split("]")[1].split()[:2] for line in progress] == [
            ["67%", "2/3"],
            ["100%", "3/3"],
        ]

    def test_editors_synonyms_apply_to_the_rebuilt_index(
        self, client, search_backend, page_index, agency_page, django_capture_on_commit_callbacks
    ):
        PublicInformationPageFactory(parent=agency_page, title="Sistem Informasi Desa")
        call_command("update_index", stdout=io.StringIO())

        with django_capture_on_commit_callbacks(execute=True):
            Synonym.objects.create(terms="sid, sistem informasi desa")

        search_backend.refresh_indexes()
        assert titles(client.get("/search/", {"q": "sid"})) == ["Sistem Informasi Desa"]
