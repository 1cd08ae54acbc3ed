import datetime
import io

import pytest
from django.core.management import call_command

from ppid_docs.models import RegulationPage
from tests.ppid_docs.factories import RegulationPageFactory, RegulationRelationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 9, 0))
    return TODAY


def regulation(section, title, promulgated_on):
    return RegulationPageFactory(
        parent=section, title=title, year=promulgated_on.year, promulgated_on=promulgated_on
    )


class TestStatusChangedBetween:
    def test_regulations_that_entered_into_force_or_were_changed_in_the_window(self, agency_page):
        entered = regulation(agency_page, "Perda Baru", YESTERDAY)
        regulation(agency_page, "Perda Lama", datetime.date(2026, 5, 1))
        revoked = regulation(agency_page, "Perda Dicabut", datetime.date(2019, 1, 1))
        revoker = regulation(agency_page, "Perda Pencabutan", YESTERDAY)
        RegulationRelationFactory(source=revoker, target=revoked, kind="revokes")

        changed = RegulationPage.objects.status_changed_between(
            YESTERDAY - datetime.timedelta(1), TODAY
        )

        assert set(changed) == {entered, revoked, revoker}

    def test_a_change_by_a_draft_regulation_does_not_count(self, agency_page):
        target = regulation(agency_page, "Perda Lama", datetime.date(2019, 1, 1))
        draft = regulation(agency_page, "Perda Draf", YESTERDAY)
        RegulationRelationFactory(source=draft, target=target, kind="revokes")
        draft.unpublish()

        changed = RegulationPage.objects.live().status_changed_between(
            YESTERDAY - datetime.timedelta(1), TODAY
        )

        assert list(changed) == []


class TestCommand:
    def test_the_search_shows_the_status_a_date_changed(
        self, client, search_backend, agency_page, time_machine
    ):
        time_machine.move_to(datetime.datetime(2026, 6, 8, 9, 0))
        regulation(agency_page, "Perda Kawasan Tanpa Rokok", datetime.date(2026, 6, 9))
        search_backend.refresh_indexes()
        assert status_facet(client) == {"belum_berlaku": 1}

        time_machine.move_to(datetime.datetime(2026, 6, 10, 0, 5))
        call_command("refresh_regulation_statuses", stdout=io.StringIO())
        search_backend.refresh_indexes()

        assert status_facet(client) == {"berlaku": 1}

    def test_says_how_many_it_indexed(self, agency_page, today, capsys):
        regulation(agency_page, "Perda Baru", YESTERDAY)
        regulation(agency_page, "Perda Lama", datetime.date(2025, 1, 1))

        call_command("refresh_regulation_statuses")

        assert "1 regulation(s) indexed again with their status of 2026-06-10." in (
            capsys.readouterr().out
        )


def status_facet(client):
    response = client.get("/search/", {"q": "rokok"})
    found = next(f for f in response.context["outcome"].facets if f.name == "status")
    return {option.value: option.count for option in found.options}
