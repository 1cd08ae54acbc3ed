import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    RegulationIndexPageFactory,
    RegulationPageFactory,
    RegulationRelationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulation(home_page):
    section = AgencyPageFactory(parent=AgencyIndexPageFactory(parent=home_page))
    page = RegulationPageFactory(parent=section, year=2010, summary="Ringkasan pertama.")
    RegulationRelationFactory(source=RegulationPageFactory(parent=section, year=2015), target=page)
    return page


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).text
    return html, len(queries)


class TestPageFragments:
    def test_a_page_rendered_again_is_the_same_without_its_content_queries(
        self, client, regulation
    ):
        first, _ = render(client, regulation.url)
        again, queries = render(client, regulation.url)

        assert again == first
        # Only routing (the site, the language, the path in one query, the page's specific row)
        # and Wagtail's check of view restrictions are left.
        assert queries == 7

    def test_publishing_shows_the_change_at_once(self, client, regulation):
        render(client, regulation.url)

        regulation.summary = "Ringkasan yang diperbarui."
        regulation.save_revision().publish()
        html, _ = render(client, regulation.url)

        assert "Ringkasan yang diperbarui." in html
        assert "Ringkasan pertama." not in html

    def test_each_address_of_a_list_has_its_own_fragments(self, client, home_page, regulation):
        listing = RegulationIndexPageFactory(parent=home_page)

        whole, _ = render(client, listing.url)
        filtered, _ = render(client, listing.url + "?year=2015")

        assert regulation.title in whole
        assert regulation.title not in filtered

    def test_a_preview_of_a_draft_neither_reads_nor_leaves_fragments(
        self, admin_client, client, regulation
    ):
        regulation.summary = "Ringkasan rancangan yang belum terbit."
        revision = regulation.save_revision()  # a draft: the public page stays as it was
        render(client, regulation.url)  # the live page's fragments, in the current generation
        revision_preview = reverse(
            "wagtailadmin_pages:revisions_view", args=(regulation.pk, revision.pk)
        )

        preview = admin_client.get(revision_preview)
        public, _ = render(client, regulation.url)

        assert "Ringkasan rancangan yang belum terbit." in preview.text
        assert "Ringkasan pertama." in public
        assert "Ringkasan rancangan yang belum terbit." not in public
