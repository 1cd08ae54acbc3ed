import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ppid_docs.models import RegulationPage
from tests.ppid_docs.factories import RegulationPageFactory, RegulationRelationFactory


class TestPublicationAgency:
    def test_comes_from_the_agency_section(self, agency_page):
        regulation = RegulationPageFactory(parent=agency_page)

        assert regulation.agency == agency_page.agency

    def test_outside_an_agency_section_is_refused(self, home_page):
        with translation.override("en"), pytest.raises(ValidationError, match="agency"):
            RegulationPageFactory(parent=home_page)


class TestRegulationStatus:
    TODAY = datetime.date(2026, 11, 28)

    def test_revoked_regulation_is_dicabut_and_shows_who_revoked_it(self, agency_page):
        old = RegulationPageFactory(parent=agency_page, year=2011)
        new = RegulationPageFactory(parent=agency_page, year=2024)
        RegulationRelationFactory(source=new, target=old, kind="revokes")

        assert old.status(self.TODAY) == "dicabut"
        assert [relation.source for relation in old.changed_by()] == [new]
        assert [relation.target for relation in new.changes()] == [old]
        assert new.status(self.TODAY) == "berlaku"

    def test_sql_status_agrees_with_the_rule(self, agency_page):
        base = RegulationPageFactory(parent=agency_page, year=2011)
        amended = RegulationPageFactory(parent=agency_page, year=2012)
        revoked = RegulationPageFactory(parent=agency_page, year=2013)
        future_revoker = RegulationPageFactory(
            parent=agency_page, year=2027, promulgated_on=datetime.date(2027, 1, 5)
        )
        amender = RegulationPageFactory(parent=agency_page, year=2020)
        RegulationRelationFactory(source=amender, target=amended, kind="amends")
        RegulationRelationFactory(source=amender, target=revoked, kind="revokes")
        RegulationRelationFactory(source=future_revoker, target=base, kind="revokes")

        in_sql = dict(RegulationPage.objects.with_status(self.TODAY).values_list("pk", "status"))
        in_python = {page.pk: page.status(self.TODAY) for page in RegulationPage.objects.all()}

        assert in_sql == in_python
        assert in_sql[base.pk] == "berlaku"
        assert in_sql[amended.pk] == "diubah"
        assert in_sql[revoked.pk] == "dicabut"
        assert in_sql[future_revoker.pk] == "belum_berlaku"

    def test_a_draft_revoker_changes_nothing(self, agency_page):
        old = RegulationPageFactory(parent=agency_page, year=2011)
        draft = RegulationPageFactory(parent=agency_page, year=2024, live=False)
        RegulationRelationFactory(source=draft, target=old, kind="revokes")

        assert old.status(self.TODAY) == "berlaku"
