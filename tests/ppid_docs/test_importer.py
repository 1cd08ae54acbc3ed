import copy
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase
from django.utils import translation
from wagtail.models import Collection, GroupPagePermission, Page, Revision
from wagtail.search.backends import get_search_backend

from ppid_docs.importer import import_corpus
from ppid_docs.models import (
    Agency,
    AgencyPage,
    FinancialFigure,
    FinancialReportPage,
    PPIDDocument,
    PublicInformationPage,
    RegulationPage,
    RegulationRelation,
    RegulationSubject,
    WorkPlanPage,
    WorkPlanProgramme,
)
from tests.conftest import install_home_page, reset_search_indexes
from tests.ppid_docs.pdfs import (
    CORPUS,
    PERDA_2011_02_PHRASE,
    corpus_pdf,
    corpus_record,
    corpus_records,
    encrypted_pdf,
    truncated_pdf,
)

COUNTED_MODELS = [
    Page,
    Revision,
    PPIDDocument,
    Agency,
    Collection,
    Group,
    GroupPagePermission,
    FinancialFigure,
    WorkPlanProgramme,
    RegulationRelation,
    RegulationSubject,
]


def row_counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def outcomes(report):
    return {kind: dict(counts) for kind, counts in report.counts.items()}


def import_and_extract(folder):
    """Import as the command does, running the extraction queued after each record's commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_corpus(folder)


@pytest.fixture(scope="class")
def demo_import(django_db_setup, django_db_blocker):
    """The whole demo corpus imported twice, once for the class since it takes a while.

    All in one transaction, rolled back when the class is done; each test adds its own inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        backend = get_search_backend()
        if settings.SEARCH_BACKEND != "database":
            reset_search_indexes(backend)
        install_home_page()
        first = import_and_extract(CORPUS)
        backend.refresh_indexes()
        rows_after_first = row_counts()
        second = import_and_extract(CORPUS)
        yield SimpleNamespace(
            first=first,
            second=second,
            rows_after_first=rows_after_first,
            rows_after_second=row_counts(),
        )
        transaction.set_rollback(True)


def page(model, record_id):
    return model.objects.get(external_id=record_id)


@pytest.mark.usefixtures("demo_import", "db")
class TestImportDemoCorpus:
    def test_creates_every_record_of_this_apps_kinds_and_skips_news(self, demo_import):
        assert outcomes(demo_import.first) == {
            "regulation": {"created": 52},
            "financial_report": {"created": 32},
            "work_plan": {"created": 25},
            "public_information": {"created": 26},
            "news": {"skipped": 21},
        }
        assert demo_import.first.problems == []

    def test_publishes_each_page_in_its_agencys_section(self):
        for model, count in [
            (RegulationPage, 52),
            (FinancialReportPage, 32),
            (WorkPlanPage, 25),
            (PublicInformationPage, 26),
        ]:
            assert model.objects.live().filter(has_unpublished_changes=False).count() == count
        dinkes = Agency.objects.get(name="Dinas Kesehatan Provinsi Lampung")
        renstra = page(WorkPlanPage, "plan-renstra-dinkes-2019-2024")
        assert renstra.agency == dinkes
        assert renstra.get_parent().specific == AgencyPage.objects.get(agency=dinkes)

    def test_stores_one_document_per_pdf_with_its_extracted_text(self):
        assert PPIDDocument.objects.count() == 135
        assert set(PPIDDocument.objects.values_list("text_extraction", flat=True)) == {"done"}
        perda = page(RegulationPage, "reg-perda-2011-02")
        assert PERDA_2011_02_PHRASE in perda.document.extracted_text
        assert perda.document.collection == perda.agency.collection
        assert (perda.document.category, perda.document.year) == ("setiap_saat", 2011)

    def test_fills_the_dip_columns(self):
        sop = page(PublicInformationPage, "pub-sop-keberatan")

        assert sop.information_type == "sop"
        assert str(sop.produced_on) == "2023-01-16"
        assert sop.holder == "Dinas Komunikasi, Informatika dan Statistik Provinsi Lampung"
        assert sop.responsible_person == "PPID Pelaksana Diskominfotik"

    def test_gives_every_agency_a_section_a_collection_and_editors(self):
        assert Agency.objects.count() == 25
        for agency in Agency.objects.all():
            assert AgencyPage.objects.live().filter(agency=agency).exists()
            assert agency.collection is not None
            assert Group.objects.filter(name=f"Editor {agency.acronym}").exists()
        assert Agency.objects.get(name="Dinas Kesehatan Provinsi Lampung").acronym == "Dinkes"

    def test_derives_the_regulation_statuses_the_corpus_states(self):
        derived = dict(RegulationPage.objects.with_status().values_list("external_id", "status"))

        assert derived == {
            record["id"]: record["status"]
            for record in corpus_records()
            if record["kind"] == "regulation"
        }

    def test_relates_an_amendment_chain_both_ways(self):
        perda_2011 = page(RegulationPage, "reg-perda-2011-02")
        perda_2015 = page(RegulationPage, "reg-perda-2015-05")
        perda_2024 = page(RegulationPage, "reg-perda-2024-01")

        assert perda_2011.status() == perda_2015.status() == "dicabut"
        assert {
            (relation.source.external_id, relation.kind) for relation in perda_2011.changed_by()
        } == {("reg-perda-2015-05", "amends"), ("reg-perda-2024-01", "revokes")}
        assert [(relation.target, relation.kind) for relation in perda_2015.changes()] == [
            (perda_2011, "amends")
        ]
        assert {relation.target for relation in perda_2024.changes()} >= {perda_2011, perda_2015}

    def test_keeps_regulation_metadata_and_subjects(self):
        kepgub = page(RegulationPage, "reg-kepgub-2022-611")
        record = corpus_record("reg-kepgub-2022-611")

        assert (kepgub.regulation_type, kepgub.number) == ("kepgub", "G/611/V.20/HK/2022")
        assert kepgub.about == record["about"]
        assert sorted(kepgub.subjects.names()) == sorted(record["subjects"])

    def test_keeps_financial_figures_as_data(self):
        apbd = page(FinancialReportPage, "fin-apbd-2019")
        lkpd = page(FinancialReportPage, "fin-lkpd-2023")

        assert apbd.figure_values() == corpus_record("fin-apbd-2019")["figures"]
        assert (apbd.report_type, apbd.fiscal_year, apbd.figures_basis) == (
            "apbd",
            2019,
            "anggaran",
        )
        assert (lkpd.report_type, lkpd.audit_opinion) == ("lkpd", "wtp")

    def test_keeps_work_plan_programmes_with_their_budgets(self):
        dpa = page(WorkPlanPage, "plan-dpa-dishub-2023")

        assert dpa.plan_type == "dpa"
        assert dpa.total_budget == corpus_record("plan-dpa-dishub-2023")["total_pagu"]
        assert [programme.programme for programme in dpa.programmes.all()] == [
            item["program"] for item in corpus_record("plan-dpa-dishub-2023")["programs"]
        ]

    def test_makes_the_documents_text_searchable_on_the_page(self):
        results = RegulationPage.objects.live().search(PERDA_2011_02_PHRASE)

        assert page(RegulationPage, "reg-perda-2011-02") in list(results)

    def test_a_second_import_changes_nothing(self, demo_import):
        assert outcomes(demo_import.second) == {
            "regulation": {"unchanged": 52},
            "financial_report": {"unchanged": 32},
            "work_plan": {"unchanged": 25},
            "public_information": {"unchanged": 26},
            "news": {"skipped": 21},
        }
        assert demo_import.rows_after_second == demo_import.rows_after_first


@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("home_page", "in_english")
class TestReimport:
    def test_a_changed_record_gets_a_new_published_revision(self, write_corpus):
        apbd = corpus_record("fin-apbd-2019")
        import_corpus(write_corpus([apbd]))
        changed = copy.deepcopy(apbd)
        changed["title"] = "APBD 2019 (diperbaiki)"
        changed["figures"]["belanja_modal"] += 1
        changed["figures"]["belanja_tidak_terduga"] -= 1

        report = import_corpus(write_corpus([changed]))

        page_after = page(FinancialReportPage, "fin-apbd-2019")
        assert outcomes(report) == {"financial_report": {"updated": 1}}
        assert page_after.revisions.count() == 2
        assert page_after.live and not page_after.has_unpublished_changes
        assert page_after.title == "APBD 2019 (diperbaiki)"
        assert page_after.figure_values()["belanja_modal"] == apbd["figures"]["belanja_modal"] + 1

    def test_a_replaced_pdf_is_stored_and_read_again(self, write_corpus):
        import_and_extract(write_corpus(["reg-perda-2015-02"]))

        report = import_and_extract(
            write_corpus(
                ["reg-perda-2015-02"],
                files={"reg-perda-2015-02.pdf": corpus_pdf("reg-perda-2011-02")},
            )
        )

        regulation = page(RegulationPage, "reg-perda-2015-02")
        assert outcomes(report) == {"regulation": {"updated": 1}}
        assert regulation.revisions.count() == 1
        assert PERDA_2011_02_PHRASE in regulation.document.extracted_text
        assert PPIDDocument.objects.count() == 1

    def test_a_record_moved_to_another_agency_moves_its_page(self, write_corpus):
        sop = corpus_record("pub-sop-keberatan")
        import_corpus(write_corpus([sop]))

        import_corpus(write_corpus([{**sop, "agency": "Inspektorat Provinsi Lampung"}]))

        moved = page(PublicInformationPage, "pub-sop-keberatan")
        assert moved.agency.name == "Inspektorat Provinsi Lampung"
        assert moved.get_parent().specific.agency == moved.agency
        assert moved.document.agency == moved.agency

    def test_a_translation_is_not_taken_for_the_imported_page(self, write_corpus, english):
        sop = corpus_record("pub-sop-keberatan")
        import_corpus(write_corpus([sop]))
        imported = PublicInformationPage.objects.get()
        translated = imported.copy_for_translation(english, copy_parents=True)
        translated.save_revision().publish()
        translation_revisions = translated.revisions.count()

        report = import_corpus(write_corpus([{**sop, "title": "SOP Keberatan (revisi)"}]))

        imported.refresh_from_db()
        translated.refresh_from_db()
        assert outcomes(report) == {"public_information": {"updated": 1}}
        assert imported.title == "SOP Keberatan (revisi)"
        assert translated.title == sop["title"]
        assert translated.revisions.count() == translation_revisions

    def test_unreadable_pdfs_are_imported_with_the_extraction_problem_recorded(self, write_corpus):
        damaged = {**corpus_record("pub-sop-keberatan"), "file": "files/rusak.pdf"}
        protected = {**corpus_record("pub-maklumat-ppid"), "file": "files/terkunci.pdf"}
        folder = write_corpus(
            [damaged, protected],
            files={"rusak.pdf": truncated_pdf(), "terkunci.pdf": encrypted_pdf()},
        )

        report = import_and_extract(folder)

        assert outcomes(report) == {"public_information": {"created": 2}}
        assert dict(PPIDDocument.objects.values_list("external_id", "text_extraction")) == {
            "pub-sop-keberatan": "failed",
            "pub-maklumat-ppid": "failed",
        }
        assert PPIDDocument.objects.get(external_id="pub-maklumat-ppid").text_extraction_error == (
            "The PDF is protected by a password."
        )


def invalid_records():
    """Records that cannot be imported, each with the reason the report must give."""
    base = corpus_record("reg-perda-2015-02")
    apbd = corpus_record("fin-apbd-2019")
    cases = [
        ({"id": "no-title", "title": None}, "missing required field “title”"),
        ({"id": "memo", "kind": "memo"}, "unknown kind “memo”"),
        ({"id": "bad-type", "reg_type": "Peraturan Bupati"}, "unknown reg_type “Peraturan Bupati”"),
        (
            {"id": "bad-date", "promulgated_on": "2015-13-40"},
            "bad date in “promulgated_on”: “2015-13-40” (expected YYYY-MM-DD)",
        ),
        ({"id": "no-file", "file": "files/hilang.pdf"}, "missing file “files/hilang.pdf”"),
        (
            {"id": "escape", "file": "../manifest.json"},
            "the file “../manifest.json” lies outside the corpus folder",
        ),
        (
            {"id": "unknown-target", "amends": ["reg-tidak-ada"]},
            "“amends” names an unknown regulation “reg-tidak-ada”",
        ),
        (
            {"id": "failed-target", "revokes": ["no-title"]},
            "“revokes” names “no-title”, which could not be imported",
        ),
        ({"id": "cycle-a", "amends": ["cycle-b"]}, "its amendments and revocations form a cycle"),
        ({"id": "cycle-b", "amends": ["cycle-a"]}, "its amendments and revocations form a cycle"),
    ]
    records = [
        ({**base, "file": "files/reg-perda-2015-02.pdf", **change}, reason)
        for change, reason in cases
    ]
    unbalanced = copy.deepcopy(apbd)
    unbalanced.update(id="unbalanced", file="files/fin-apbd-2019.pdf")
    unbalanced["figures"]["pajak_daerah"] += 1
    records.append((unbalanced, "the figures do not add up: Own-source revenue (PAD) is"))
    unknown_line = copy.deepcopy(apbd)
    unknown_line.update(id="unknown-line", file="files/fin-apbd-2019.pdf")
    unknown_line["figures"]["belanja_siluman"] = 1
    records.append((unknown_line, "unknown figure lines: belanja_siluman"))
    records.append(({**base, "id": "reg-perda-2015-02"}, None))  # valid
    records.append(({**base, "title": "Dua kali"}, "the id appears earlier in the manifest"))
    return records


@pytest.mark.usefixtures("home_page", "in_english")
class TestInvalidRecords:
    @pytest.fixture
    def report(self, write_corpus):
        cases = invalid_records()
        folder = write_corpus(
            [record for record, _reason in cases],
            files={
                "reg-perda-2015-02.pdf": corpus_pdf("reg-perda-2015-02"),
                "fin-apbd-2019.pdf": corpus_pdf("fin-apbd-2019"),
            },
        )
        return import_and_extract(folder)

    def test_each_is_reported_with_its_id_and_reason(self, report):
        expected = [(record["id"], reason) for record, reason in invalid_records() if reason]
        reported = [(problem.record, problem.reason) for problem in report.problems]

        assert len(reported) == len(expected)
        for (record_id, reason), (reported_id, reported_reason) in zip(
            sorted(expected), sorted(reported), strict=True
        ):
            assert reported_id == record_id
            assert reported_reason.startswith(reason)

    def test_nothing_of_them_is_left_behind(self, report):
        assert outcomes(report)["regulation"] == {"created": 1, "invalid": 10}
        assert outcomes(report)["financial_report"] == {"invalid": 2}
        assert list(RegulationPage.objects.values_list("external_id", flat=True)) == [
            "reg-perda-2015-02"
        ]
        assert list(PPIDDocument.objects.values_list("external_id", flat=True)) == [
            "reg-perda-2015-02"
        ]
        assert not FinancialReportPage.objects.exists()
