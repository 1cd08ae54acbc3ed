import datetime

import pytest
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from ppid_docs.figures import LINES_BY_KEY
from tests.portal.factories import PortalImageFactory
from tests.ppid_docs.factories import (
    AgencyPageFactory,
    DocumentFactory,
    FinancialFigureFactory,
    FinancialReportPageFactory,
    PublicInformationPageFactory,
    RegulationPageFactory,
    RegulationRelationFactory,
    WorkPlanPageFactory,
    WorkPlanProgrammeFactory,
)

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
DOCUMENTS = "/api/v2/documents/"
IMAGES = "/api/v2/images/"

KINDS = [
    pytest.param(
        RegulationPageFactory,
        "ppid_docs.RegulationPage",
        "regulation_type",
        ["perda", "pergub"],
        id="regulation",
    ),
    pytest.param(
        FinancialReportPageFactory,
        "ppid_docs.FinancialReportPage",
        "report_type",
        ["apbd", "lkpd"],
        id="financial_report",
    ),
    pytest.param(
        WorkPlanPageFactory,
        "ppid_docs.WorkPlanPage",
        "plan_type",
        ["rkpd", "renja"],
        id="work_plan",
    ),
    pytest.param(
        PublicInformationPageFactory,
        "ppid_docs.PublicInformationPage",
        "information_type",
        ["sop", "maklumat"],
        id="public_information",
    ),
]


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def ids(response):
    return sorted(item["id"] for item in items(response))


def bad_request_message(response):
    assert response.status_code == 400, response.content
    return response.json()["message"]


def make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )


def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="rahasia",
    )
    return collection


@pytest.fixture
def other_agency_page(agency_page):
    return AgencyPageFactory(parent=agency_page.get_parent())


class TestPagesListing:
    @pytest.mark.parametrize(("factory", "page_type", "type_field", "kind_types"), KINDS)
    def test_a_kind_lists_agency_category_year_type_and_document(
        self, client, agency_page, factory, page_type, type_field, kind_types
    ):
        document = DocumentFactory(title="Naskah", page_count=12)
        page = factory(parent=agency_page, document=document, **{type_field: kind_types[0]})

        [item] = items(client.get(PAGES, {"type": page_type}))

        agency = agency_page.agency
        assert item["id"] == page.pk
        assert item["meta"]["type"] == page_type
        assert item["agency"] == {
            "name": agency.name,
            "acronym": agency.acronym,
            "slug": agency.slug,
        }
        assert item["category"] == page.category
        assert item["year"] == 2024
        assert item[type_field] == kind_types[0]
        assert item["document"]["title"] == "Naskah"
        assert item["document"]["page_count"] == 12
        assert item["document"]["file_size"] == document.file_size
        assert item["document"]["meta"]["download_url"].endswith(document.url)

    def test_generic_listing_shows_every_live_page(self, client, home_page, agency_page):
        regulation = RegulationPageFactory(parent=agency_page)

        listed = ids(client.get(PAGES))

        assert listed == sorted(
            [home_page.pk, agency_page.get_parent().pk, agency_page.pk, regulation.pk]
        )

    def test_all_fields_of_a_kind_are_available_in_the_listing(self, client, agency_page):
        RegulationPageFactory(parent=agency_page, subjects=["pajak"])

        [item] = items(client.get(PAGES, {"type": "ppid_docs.RegulationPage", "fields": "*"}))

        assert item["subjects"] == ["pajak"]
        assert item["status"] == "berlaku"
        assert item["changes"] == []
        assert item["changed_by"] == []


class TestPageDetail:
    def test_regulation_gives_identification_status_and_changes_both_ways(
        self, client, agency_page
    ):
        old = RegulationPageFactory(parent=agency_page, year=2011, number="2")
        regulation = RegulationPageFactory(
            parent=agency_page,
            year=2015,
            number="5",
            about="Pajak Daerah",
            enacted_on=datetime.date(2015, 6, 1),
            promulgated_on=datetime.date(2015, 6, 2),
            source="Lembaran Daerah Provinsi Lampung 2015 Nomor 5",
            legal_field="Hukum Keuangan Negara",
            abstract="Mengatur tarif pajak kendaraan.",
            subjects=["pajak daerah", "kendaraan bermotor"],
            holder="Biro Hukum",
            responsible_person="Kepala Biro Hukum",
        )
        revoker = RegulationPageFactory(parent=agency_page, year=2024, number="1")
        RegulationRelationFactory(source=regulation, target=old, kind="amends")
        RegulationRelationFactory(source=revoker, target=regulation, kind="revokes")

        data = client.get(f"{PAGES}{regulation.pk}/").json()

        assert data["regulation_type"] == "perda"
        assert data["number"] == "5"
        assert data["about"] == "Pajak Daerah"
        assert data["enacted_on"] == "2015-06-01"
        assert data["promulgated_on"] == "2015-06-02"
        assert data["enacted_at"] == "Bandar Lampung"
        assert data["issuing_body"] == "Provinsi Lampung"
        assert data["source"] == "Lembaran Daerah Provinsi Lampung 2015 Nomor 5"
        assert data["legal_field"] == "Hukum Keuangan Negara"
        assert data["abstract"] == "Mengatur tarif pajak kendaraan."
        assert data["subjects"] == ["kendaraan bermotor", "pajak daerah"]
        assert data["language"] == "Bahasa Indonesia"
        assert data["holder"] == "Biro Hukum"
        assert data["responsible_person"] == "Kepala Biro Hukum"
        assert data["document_form"] == "softcopy"
        assert data["retention_period"] == "Permanen"
        assert data["status"] == "dicabut"
        [change] = data["changes"]
        assert change["kind"] == "amends"
        assert change["regulation"]["id"] == old.pk
        assert change["regulation"]["number"] == "2"
        assert change["regulation"]["detail_url"].endswith(f"{PAGES}{old.pk}/")
        assert change["regulation"]["html_url"] == old.full_url
        [changed_by] = data["changed_by"]
        assert changed_by["kind"] == "revokes"
        assert changed_by["regulation"]["id"] == revoker.pk
        assert changed_by["regulation"]["year"] == 2024

    def test_financial_report_gives_its_figures_as_labelled_lines(self, client, agency_page):
        report = FinancialReportPageFactory(
            parent=agency_page,
            report_type="lkpd",
            figures_basis="realisasi",
            audit_opinion="wtp",
            period="semester",
            period_label="Semester I",
        )
        FinancialFigureFactory(page=report, line="pendapatan_daerah", amount=7_100_000_000_000)
        FinancialFigureFactory(page=report, line="belanja_daerah", amount=7_300_000_000_000)

        data = client.get(f"{PAGES}{report.pk}/").json()

        # The API speaks the site's default language, as pages outside a language prefix do.
        with translation.override("id"):
            revenue, spending = (
                str(LINES_BY_KEY[key].label) for key in ("pendapatan_daerah", "belanja_daerah")
            )
        assert data["report_type"] == "lkpd"
        assert data["period"] == "semester"
        assert data["period_label"] == "Semester I"
        assert data["figures_basis"] == "realisasi"
        assert data["audit_opinion"] == "wtp"
        assert data["figures"] == [
            {"line": "pendapatan_daerah", "label": revenue, "amount": 7_100_000_000_000},
            {"line": "belanja_daerah", "label": spending, "amount": 7_300_000_000_000},
        ]

    def test_work_plan_gives_its_period_and_programmes(self, client, agency_page):
        plan = WorkPlanPageFactory(
            parent=agency_page, plan_type="rpjmd", period_start=2025, period_end=2029
        )
        WorkPlanProgrammeFactory(page=plan, budget=1_500_000_000)
        WorkPlanProgrammeFactory(page=plan, programme="Jalan mantap", budget=2_500_000_000)

        data = client.get(f"{PAGES}{plan.pk}/").json()

        assert data["plan_type"] == "rpjmd"
        assert (data["period_start"], data["period_end"]) == (2025, 2029)
        assert data["programmes"] == [
            {
                "programme": "Peningkatan layanan kesehatan",
                "indicator": "Angka harapan hidup",
                "target": "72 tahun",
                "budget": 1_500_000_000,
            },
            {
                "programme": "Jalan mantap",
                "indicator": "Angka harapan hidup",
                "target": "72 tahun",
                "budget": 2_500_000_000,
            },
        ]
        assert data["total_budget"] == 4_000_000_000

    def test_public_information_gives_its_type_and_dip_columns(self, client, agency_page):
        page = PublicInformationPageFactory(
            parent=agency_page,
            information_type="maklumat",
            produced_on=datetime.date(2024, 1, 15),
            document_form="both",
        )

        data = client.get(f"{PAGES}{page.pk}/").json()

        assert data["information_type"] == "maklumat"
        assert data["produced_on"] == "2024-01-15"
        assert data["produced_at"] == "Bandar Lampung"
        assert data["document_form"] == "both"
        assert data["summary"] == "Ringkasan isi informasi."
        assert data["body"] == []


class TestPagesVisibility:
    def test_drafts_never_appear(self, client, agency_page):
        draft = RegulationPageFactory(parent=agency_page, live=False)

        assert draft.pk not in ids(client.get(PAGES))
        assert ids(client.get(PAGES, {"type": "ppid_docs.RegulationPage"})) == []
        assert client.get(f"{PAGES}{draft.pk}/").status_code == 404

    def test_private_sections_never_appear_even_to_editors(self, admin_client, agency_page):
        regulation = RegulationPageFactory(parent=agency_page)
        make_private(agency_page)

        listed = ids(admin_client.get(PAGES))

        assert agency_page.pk not in listed
        assert regulation.pk not in listed
        assert ids(admin_client.get(PAGES, {"type": "ppid_docs.RegulationPage"})) == []
        assert admin_client.get(f"{PAGES}{regulation.pk}/").status_code == 404

    def test_changes_name_no_draft_or_private_regulation(
        self, client, agency_page, other_agency_page
    ):
        regulation = RegulationPageFactory(parent=agency_page)
        draft_target = RegulationPageFactory(parent=agency_page, live=False)
        private_revoker = RegulationPageFactory(parent=other_agency_page)
        make_private(other_agency_page)
        RegulationRelationFactory(source=regulation, target=draft_target, kind="revokes")
        RegulationRelationFactory(source=private_revoker, target=regulation, kind="revokes")

        data = client.get(f"{PAGES}{regulation.pk}/").json()

        assert data["changes"] == []
        assert data["changed_by"] == []
        # The revocation still holds in law, named or not.
        assert data["status"] == "dicabut"


class TestPagesFilters:
    @pytest.fixture
    def regulations(self, agency_page, other_agency_page):
        return {
            "2024-setiap-saat": RegulationPageFactory(parent=agency_page, year=2024),
            "2023-berkala": RegulationPageFactory(
                parent=other_agency_page, year=2023, category="berkala"
            ),
        }

    @pytest.mark.parametrize(
        ("parameter", "value", "expected"),
        [
            ("year", "2023", "2023-berkala"),
            ("category", "setiap_saat", "2024-setiap-saat"),
        ],
    )
    def test_year_and_category_select_a_kind(self, client, regulations, parameter, value, expected):
        response = client.get(PAGES, {"type": "ppid_docs.RegulationPage", parameter: value})

        assert ids(response) == [regulations[expected].pk]

    def test_agency_selects_by_slug(self, client, regulations, other_agency_page):
        response = client.get(
            PAGES, {"type": "ppid_docs.RegulationPage", "agency": other_agency_page.agency.slug}
        )

        assert ids(response) == [regulations["2023-berkala"].pk]

    def test_filters_combine(self, client, regulations, agency_page):
        params = {"type": "ppid_docs.RegulationPage", "agency": agency_page.agency.slug}

        assert ids(client.get(PAGES, {**params, "year": "2024"})) == [
            regulations["2024-setiap-saat"].pk
        ]
        assert ids(client.get(PAGES, {**params, "year": "2023"})) == []

    @pytest.mark.parametrize(("factory", "page_type", "type_field", "kind_types"), KINDS)
    def test_the_kind_type_selects_within_the_kind(
        self, client, agency_page, factory, page_type, type_field, kind_types
    ):
        wanted = factory(parent=agency_page, **{type_field: kind_types[0]})
        factory(parent=agency_page, **{type_field: kind_types[1]})

        response = client.get(PAGES, {"type": page_type, type_field: kind_types[0]})

        assert ids(response) == [wanted.pk]

    def test_shared_filters_match_every_kind_on_the_generic_listing(self, client, agency_page):
        regulation = RegulationPageFactory(parent=agency_page, year=2023)
        report = FinancialReportPageFactory(parent=agency_page, year=2023)
        RegulationPageFactory(parent=agency_page, year=2024)

        response = client.get(PAGES, {"year": "2023", "agency": agency_page.agency.slug})

        assert ids(response) == sorted([regulation.pk, report.pk])

    def test_shared_filters_work_while_searching(self, client, agency_page, settings):
        # The database backend keeps this independent of the engine; both filter by page id.
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "wagtail.search.backends.database"}
        }
        wanted = RegulationPageFactory(parent=agency_page, year=2023, about="Retribusi Pasar")
        RegulationPageFactory(parent=agency_page, year=2024, about="Retribusi Terminal")

        response = client.get(PAGES, {"search": "retribusi", "year": "2023"})

        assert ids(response) == [wanted.pk]

    def test_locale_selects_the_language_tree(self, client, agency_page, english):
        regulation = RegulationPageFactory(parent=agency_page)
        translation = regulation.copy_for_translation(english, copy_parents=True)
        translation.save_revision().publish()
        params = {"type": "ppid_docs.RegulationPage"}

        assert ids(client.get(PAGES, {**params, "locale": "id"})) == [regulation.pk]
        assert ids(client.get(PAGES, {**params, "locale": "en"})) == [translation.pk]

    @pytest.mark.parametrize(
        ("params", "named"),
        [
            ({"year": "20x4"}, "year"),
            ({"year": "24"}, "year"),
            ({"year": "0000"}, "year"),
            ({"category": "rahasia"}, "category"),
            ({"agency": "dinas-tidak-ada"}, "dinas-tidak-ada"),
            ({"agency": "bukan slug!"}, "bukan slug!"),
            ({"type": "ppid_docs.RegulationPage", "regulation_type": "undang"}, "regulation_type"),
            ({"regulation_type": "perda"}, "ppid_docs.RegulationPage"),
            ({"type": "ppid_docs.RegulationPage", "report_type": "apbd"}, "report_type"),
            ({"type": "ppid_docs.FinancialReportPage", "report_type": "apbn"}, "report_type"),
            ({"type": "ppid_docs.WorkPlanPage", "plan_type": "rpjmn"}, "plan_type"),
            (
                {"type": "ppid_docs.PublicInformationPage", "information_type": "x"},
                "information_type",
            ),
            ({"type": "ppid_docs.RegulationPage", "promulgated_on": "kemarin"}, "kemarin"),
            ({"locale": "fr"}, "locale"),
            ({"type": "ppid_docs.TidakAda"}, "type"),
            ({"tahun": "2024"}, "tahun"),
            ({"search": "pajak\x00"}, "search"),
            ({"site": "\x00"}, "site"),
        ],
    )
    def test_bad_values_are_refused_with_a_message_naming_them(
        self, client, agency_page, params, named
    ):
        RegulationPageFactory(parent=agency_page)

        message = bad_request_message(client.get(PAGES, params))

        assert named in message


class TestQueryStringEdges:
    def test_an_offset_past_the_end_gives_an_empty_page(self, client, agency_page):
        response = client.get(PAGES, {"offset": "9" * 30})

        assert response.json() == {"meta": {"total_count": 3}, "items": []}

    @pytest.mark.parametrize("endpoint", [PAGES, DOCUMENTS])
    def test_find_needs_a_whole_number_id(self, client, home_page, endpoint):
        response = client.get(f"{endpoint}find/", {"id": "satu"})

        assert "id" in bad_request_message(response)


class TestListingQueries:
    """Listings cost the same number of queries whatever their length."""

    @staticmethod
    def add_regulation(agency_page):
        revoked = RegulationPageFactory(parent=agency_page, year=2011, subjects=["pajak"])
        revoker = RegulationPageFactory(parent=agency_page, document=DocumentFactory())
        RegulationRelationFactory(source=revoker, target=revoked, kind="revokes")

    @staticmethod
    def add_financial_report(agency_page):
        report = FinancialReportPageFactory(parent=agency_page, document=DocumentFactory())
        FinancialFigureFactory(page=report, line="pendapatan_daerah", amount=1)

    @staticmethod
    def add_work_plan(agency_page):
        WorkPlanProgrammeFactory(page=WorkPlanPageFactory(parent=agency_page))

    @pytest.mark.parametrize(
        ("add", "params", "queries"),
        [
            (add_regulation, {"type": "ppid_docs.RegulationPage", "fields": "*"}, 10),
            (add_financial_report, {"type": "ppid_docs.FinancialReportPage", "fields": "*"}, 8),
            (add_work_plan, {"type": "ppid_docs.WorkPlanPage", "fields": "*"}, 8),
            (add_regulation, {}, 7),
        ],
    )
    def test_pages(self, client, agency_page, django_assert_num_queries, add, params, queries):
        add(agency_page)
        client.get(PAGES, params)  # the site's root paths are cached from then on

        with django_assert_num_queries(queries):
            few = items(client.get(PAGES, params))
        for _ in range(3):
            add(agency_page)
        with django_assert_num_queries(queries):
            many = items(client.get(PAGES, params))

        assert len(many) > len(few)

    def test_documents(self, client, agency_page, django_assert_num_queries):
        DocumentFactory(agency=agency_page.agency).tags.add("apbd")

        with django_assert_num_queries(5):
            few = items(client.get(DOCUMENTS))
        for _ in range(3):
            DocumentFactory(agency=agency_page.agency).tags.add("apbd")
        with django_assert_num_queries(5):
            many = items(client.get(DOCUMENTS))

        assert (len(few), len(many)) == (1, 4)


class TestDocumentsEndpoint:
    def test_lists_publication_metadata_without_the_extracted_text(self, client, agency_page):
        document = DocumentFactory(
            title="LKPD 2023",
            agency=agency_page.agency,
            category="berkala",
            year=2023,
            page_count=88,
            extracted_text="Laporan keuangan pemerintah daerah.",
        )
        document.tags.add("keuangan")

        [item] = items(client.get(DOCUMENTS))

        assert item["title"] == "LKPD 2023"
        assert item["agency"]["slug"] == agency_page.agency.slug
        assert item["category"] == "berkala"
        assert item["year"] == 2023
        assert item["page_count"] == 88
        assert item["file_size"] == document.file_size
        assert item["meta"]["tags"] == ["keuangan"]
        assert item["meta"]["download_url"].endswith(document.url)
        assert "extracted_text" not in item

    def test_listing_refuses_to_show_the_extracted_text(self, client):
        DocumentFactory(extracted_text="Isi lengkap.")

        [item] = items(client.get(DOCUMENTS, {"fields": "*"}))

        assert "extracted_text" not in item
        assert "extracted_text" in bad_request_message(
            client.get(DOCUMENTS, {"fields": "extracted_text"})
        )

    def test_detail_gives_the_extracted_text_only_on_request(self, client):
        document = DocumentFactory(extracted_text="Isi lengkap.")

        plain = client.get(f"{DOCUMENTS}{document.pk}/").json()
        asked = client.get(f"{DOCUMENTS}{document.pk}/", {"fields": "extracted_text"}).json()

        assert "extracted_text" not in plain
        assert plain["text_extraction"] == "done"
        assert asked["extracted_text"] == "Isi lengkap."

    def test_documents_of_restricted_collections_never_appear(self, admin_client):
        hidden = DocumentFactory(collection=restricted_collection())
        shown = DocumentFactory()

        assert ids(admin_client.get(DOCUMENTS)) == [shown.pk]
        assert admin_client.get(f"{DOCUMENTS}{hidden.pk}/").status_code == 404

    @pytest.mark.parametrize("parameter", ["year", "category", "agency"])
    def test_each_filter_selects(self, client, agency_page, other_agency_page, parameter):
        wanted = DocumentFactory(year=2023, category="setiap_saat", agency=other_agency_page.agency)
        DocumentFactory(year=2024, category="berkala", agency=agency_page.agency)
        value = {
            "year": "2023",
            "category": "setiap_saat",
            "agency": other_agency_page.agency.slug,
        }[parameter]

        assert ids(client.get(DOCUMENTS, {parameter: value})) == [wanted.pk]

    @pytest.mark.parametrize(
        ("params", "named"),
        [
            ({"year": "tahun"}, "year"),
            ({"category": "rahasia"}, "category"),
            ({"agency": "tidak-ada"}, "tidak-ada"),
            ({"regulation_type": "perda"}, "regulation_type"),
        ],
    )
    def test_bad_filter_values_are_refused(self, client, params, named):
        message = bad_request_message(client.get(DOCUMENTS, params))

        assert named in message


class TestImagesEndpoint:
    def test_lists_public_images_with_their_tags(self, client):
        image = PortalImageFactory(title="Gedung PPID")
        image.tags.add("kantor")
        PortalImageFactory(collection=restricted_collection())

        [item] = items(client.get(IMAGES))

        assert item["id"] == image.pk
        assert item["title"] == "Gedung PPID"
        assert item["meta"]["tags"] == ["kantor"]


class TestCaching:
    def test_answers_may_be_cached_publicly_for_a_few_minutes(self, client, agency_page):
        RegulationPageFactory(parent=agency_page)

        response = client.get(PAGES, {"type": "ppid_docs.RegulationPage"})

        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]

    def test_errors_are_not_cached(self, client):
        response = client.get(PAGES, {"year": "kemarin"})

        assert response.status_code == 400
        assert not response.has_header("Cache-Control")
