import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from portal.demo import load_demo_pages
from portal.models import HomePage
from portal.path_routing import OWN, PLAIN, ROUTABLE, route_kind
from ppid_docs.models import DipPage, FinancialReportPage, RegulationPage
from tests.news.factories import NewsPageFactory
from tests.portal.factories import ContentPageFactory
from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    FinancialReportPageFactory,
    RegulationPageFactory,
)

pytestmark = pytest.mark.django_db

SUB_PATHS = (
    [],
    ["feed", "rss"],
    ["feed", "atom"],
    ["figures.csv"],
    ["export.csv"],
    ["tidak-ada"],
    ["tidak-ada", "lagi"],
)


@pytest.fixture
def homes(english):
    """The demo tree in both languages, with agency sections, publications, news, a draft, a
    private page, an alias, and a child under an unpublished page."""
    home = load_demo_pages()[0]
    agencies = AgencyIndexPageFactory(parent=home)
    section = AgencyPageFactory(parent=agencies, agency__slug="bapenda")
    RegulationPageFactory(parent=section)
    report = FinancialReportPageFactory(parent=section)
    RegulationPageFactory(parent=section, live=False)
    news_index = home.get_children().get(slug="berita")
    NewsPageFactory(parent=news_index)
    private = ContentPageFactory(parent=home, slug="internal")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ContentPageFactory(parent=ContentPageFactory(parent=home, live=False), slug="di-bawah-draf")
    report.create_alias(parent=AgencyPageFactory(parent=agencies, agency__slug="diskominfo"))
    english_home = home.get_translation(english)
    ContentPageFactory(parent=english_home, slug="about")
    return [home.specific, english_home.specific]


def resolve(route, root, components):
    """What a route answers, comparable between two walks: the page and its arguments, or 404."""
    try:
        result = route(root, RequestFactory().get("/"), list(components))
    except Http404:
        return "404"
    args = result.args
    if args:  # a routable page's (view, args, kwargs): the view is bound to its page instance
        view, view_args, view_kwargs = args
        args = (view.__func__, view.__self__.pk, view_args, view_kwargs)
    return (type(result.page), result.page.pk, args, result.kwargs)


def components(page):
    """The page's path under its site root, as Wagtail hands it to the root's route()."""
    return page.url_path.strip("/").split("/")[1:]


def address(page):
    return "/" + "".join(f"{component}/" for component in components(page))


class TestRouteKinds:
    def test_page_types_are_told_apart_by_how_they_route(self):
        assert route_kind(RegulationPage) is PLAIN
        assert route_kind(DipPage) is ROUTABLE
        assert route_kind(FinancialReportPage) is ROUTABLE

    def test_a_page_type_with_its_own_route_is_left_to_it(self):
        class Custom(Page):
            def route(self, request, path_components):
                return super().route(request, path_components)

            class Meta:
                app_label = "portal"
                abstract = True

        assert route_kind(Custom) is OWN


class TestRoutePath:
    def test_every_address_resolves_as_wagtails_walk_does(self, homes):
        compared = 0
        for root in homes:
            for page in Page.objects.descendant_of(root):
                for tail in SUB_PATHS:
                    path = components(page) + list(tail)
                    assert resolve(type(root).route, root, path) == resolve(
                        Page.route, root, path
                    ), path
                    compared += 1
        assert compared > 200

    def test_unknown_addresses_are_not_found(self, homes):
        home = homes[0]
        for path in (["tidak-ada"], ["perangkat-daerah", "tidak-ada"], ["x"] * 80):
            assert resolve(type(home).route, home, path) == "404"

    def test_a_draft_is_not_found_but_a_live_page_under_a_draft_is(self, homes):
        home = homes[0]
        draft = RegulationPage.objects.get(live=False)
        under_draft = Page.objects.get(slug="di-bawah-draf")

        assert resolve(type(home).route, home, components(draft)) == "404"
        assert resolve(type(home).route, home, components(under_draft))[1] == under_draft.pk

    def test_a_publication_three_levels_down_costs_two_queries(self, homes):
        home = homes[0]
        regulation = RegulationPage.objects.live().get()
        with CaptureQueriesContext(connection) as queries:
            result = home.route(RequestFactory().get("/"), components(regulation))

        assert result.page == regulation
        assert len(queries) == 2

    def test_the_site_root_of_a_bare_installation_still_answers(self, home_page):
        assert resolve(HomePage.route, home_page, []) == (
            type(home_page),
            home_page.pk,
            [],
            {},
        )


class TestServedPages:
    def test_pages_sub_routes_and_translations_answer(self, client, homes):
        report = FinancialReportPage.objects.get(alias_of=None)

        assert client.get(report.url).status_code == 200
        assert client.get(report.url + "figures.csv").status_code == 200
        assert client.get("/peraturan/feed/rss/").status_code == 200
        assert client.get("/berita/feed/atom/").status_code == 200
        assert client.get("/en/peraturan/").status_code == 200
        assert client.get("/en/about/").status_code == 200
        assert client.get(report.url.replace("bapenda", "diskominfo")).status_code == 200

    def test_drafts_and_unknown_addresses_are_not_found(self, client, homes):
        draft = RegulationPage.objects.get(live=False)

        assert client.get(address(draft)).status_code == 404
        assert client.get("/perangkat-daerah/bapenda/tidak-ada/").status_code == 404
        assert client.get("/en/perangkat-daerah/").status_code == 404

    def test_a_private_page_asks_for_its_password(self, client, homes):
        response = client.get("/internal/")

        assert response.status_code == 200
        assert 'name="password"' in response.text

    def test_a_redirect_from_an_unknown_address_still_applies(self, client, homes):
        regulation = RegulationPage.objects.live().get()
        Redirect.objects.create(old_path="/lama", redirect_page=regulation)

        response = client.get("/lama/")

        assert response.status_code == 301
        assert response.url == regulation.url
